package io.convro.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One server node of the soak: the jar as a process on fixed ports, watched every 250 ms. It is restarted when the
 * soak kills it (an injected fault) and also when it dies by itself (a crash: counted, with the lines of its log that
 * say why). Its resident memory (launcher and server JVM) is kept per 100 ms of the run, its CPU summed over its lives.
 */
final class SoakNode implements AutoCloseable {
    /** A death the soak did not cause. */
    record Crash(long atSecond, int exitStatus, List<String> why) {
    }

    private final String name;
    private final Path jar;
    private final Map<String, String> env;
    private final int port;
    private final Path log;
    private final Timeline timeline;
    private final AtomicLongArray rssKib;
    private final List<Crash> crashes = new ArrayList<>();
    private final List<Long> restartMillis = new ArrayList<>();
    private final Thread monitor;
    private final long firstStartMillis;
    private volatile ServerUnderTest server;
    private volatile boolean killing;
    private volatile boolean closing;
    private long cpuMicros;
    private long lastCpu;

    SoakNode(String name, Path jar, Map<String, String> env, Path log, Timeline timeline) {
        this.name = name;
        this.jar = jar;
        this.env = env;
        this.port = ServerUnderTest.freePort();
        this.log = log;
        this.timeline = timeline;
        this.rssKib = new AtomicLongArray(timeline.buckets());
        this.server = ServerUnderTest.start(jar, List.of(), env, port, port, log);
        this.firstStartMillis = server.startToHealthyMillis();
        this.monitor = new Thread(this::watch, "soak-monitor-" + name);
        monitor.setDaemon(true);
        monitor.start();
    }

    String name() {
        return name;
    }

    URI base() {
        return server.base();
    }

    long firstStartMillis() {
        return firstStartMillis;
    }

    private void watch() {
        while (!closing) {
            ServerUnderTest current = server;
            ProcessHandle launcher = current.handle();
            if (!launcher.isAlive() && !killing && !closing) {
                int status = launcher.onExit().thenApply(ignored -> exitStatus(current)).join();
                synchronized (this) {
                    crashes.add(new Crash(timeline.bucketOf(System.nanoTime()) * Timeline.BUCKET_MILLIS / 1000, status, why()));
                }
                System.out.println(name + " died by itself (exit " + status + "): restarting");
                try {
                    restart();
                } catch (RuntimeException notYet) {
                    System.out.println(name + " did not come back: " + notYet.getMessage() + "; trying again");
                }
                continue;
            }
            sample(current);
            ServerUnderTest.sleep(250);
        }
    }

    private synchronized void sample(ServerUnderTest current) {
        int bucket = timeline.bucketOf(System.nanoTime());
        if (bucket >= 0 && bucket < rssKib.length()) {
            rssKib.accumulateAndGet(bucket, ProcessStats.rssKib(current.handle()), Math::max);
        }
        long cpu = ProcessStats.cpuMicros(current.handle());
        if (cpu >= lastCpu) {
            cpuMicros += cpu - lastCpu;
        }
        lastCpu = cpu;
    }

    private static int exitStatus(ServerUnderTest server) {
        try {
            return server.exitStatus();
        } catch (RuntimeException unknown) {
            return -1;
        }
    }

    /**
     * SIGKILL to the server's JVM (the launcher's child; the launcher then exits with its status), then a start
     * on the same ports; returns the milliseconds from the kill until the process was gone.
     */
    long kill() {
        killing = true;
        ServerUnderTest current = server;
        sample(current);
        ProcessHandle launcher = current.handle();
        // the server JVM runs the jar; for a while after a first start the launcher has a second child that writes the
        // class-data archive (ClassTraining, run with -cp)
        ProcessHandle jvm = launcher.children().filter(SoakNode::runsTheJar).findFirst().orElse(launcher);
        long started = System.nanoTime();
        jvm.destroyForcibly();
        try {
            launcher.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            launcher.destroyForcibly();
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private static boolean runsTheJar(ProcessHandle process) {
        return process.info().arguments().map(arguments -> java.util.Arrays.asList(arguments).contains("-jar"))
                .orElse(true);
    }

    /** Start the server again on the same ports; returns once it answers /health 200 (with its start → healthy). */
    long restart() {
        ServerUnderTest next = ServerUnderTest.start(jar, List.of(), env, port, port, log);
        synchronized (this) {
            lastCpu = 0;
            server = next;
            restartMillis.add(next.startToHealthyMillis());
        }
        killing = false;
        return next.startToHealthyMillis();
    }

    boolean alive() {
        return server.handle().isAlive();
    }

    synchronized List<Crash> crashes() {
        return new ArrayList<>(crashes);
    }

    synchronized List<Long> restarts() {
        return new ArrayList<>(restartMillis);
    }

    synchronized long cpuMicros() {
        return cpuMicros;
    }

    /** The largest resident set sampled in [from, to) (buckets of the timeline), in KiB. */
    long maxRssKib(int from, int to) {
        long max = 0;
        for (int b = Math.max(0, from); b < Math.min(to, rssKib.length()); b++) {
            max = Math.max(max, rssKib.get(b));
        }
        return max;
    }

    /** The log's lines that say why a JVM ended (out of memory, a fatal error), for a crash's row. */
    private List<String> why() {
        List<String> lines = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log)) {
                if (line.contains("OutOfMemoryError") || line.contains("Terminating due to") || line.contains("fatal error")
                        || line.contains("SIGSEGV")) {
                    lines.add(line.length() > 200 ? line.substring(0, 200) : line);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            lines.add("(log unreadable: " + unreadable.getMessage() + ")");
        }
        return lines.size() > 5 ? lines.subList(lines.size() - 5, lines.size()) : lines;
    }

    /** Lines of the whole log (all lives) that hold one of the words, for the report. */
    long logLinesWith(String word) {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(word)).count();
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        closing = true;
        server.close();
    }
}
