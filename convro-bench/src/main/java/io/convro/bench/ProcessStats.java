package io.convro.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a process and its descendants, read from {@code /proc} (Linux). CPU is in
 * clock ticks of 10 ms ({@code USER_HZ}); RSS in KiB.
 */
final class ProcessStats {
    private static final long TICK_MICROS = 10_000;

    private ProcessStats() {
    }

    /** User + system CPU of the process tree in microseconds. */
    static long cpuMicros(ProcessHandle root) {
        return tree(root).mapToLong(ProcessStats::cpuTicks).sum() * TICK_MICROS;
    }

    /** User + system CPU of this one process (not its children) in microseconds. */
    static long ownCpuMicros(ProcessHandle process) {
        return cpuTicks(process) * TICK_MICROS;
    }

    /** Resident set of the process tree in KiB. */
    static long rssKib(ProcessHandle root) {
        return tree(root).mapToLong(process -> statusField(process, "VmRSS:")).sum();
    }

    /** CPU of every process whose command name is {@code name} (e.g. {@code mariadbd}), in microseconds. */
    static long cpuMicrosOf(String name) {
        return ProcessHandle.allProcesses().filter(process -> name.equals(commandName(process)))
                .mapToLong(ProcessStats::cpuTicks).sum() * TICK_MICROS;
    }

    /** Busy CPU of the whole machine (all cores) in microseconds since boot, from /proc/stat. */
    static long machineBusyMicros() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length; i++) {
                if (i != 4 && i != 5) { // idle and iowait
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * TICK_MICROS;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The process and its descendants, but not the launcher's one-time class-archive training JVM (its second child
     * for about a minute after a jar's first start, on a scratch folder and port of its own): what it costs is
     * the first start's, not the server's under load.
     */
    private static Stream<ProcessHandle> tree(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).filter(process -> !isClassTraining(process));
    }

    private static boolean isClassTraining(ProcessHandle process) {
        return process.info().arguments().map(arguments -> java.util.Arrays.asList(arguments)
                .contains("io.convro.bootstrap.ClassTraining")).orElse(false);
    }

    /**
     * User + system CPU of the children this process has waited for (a wrk run once it ended: its own /proc entry
     * is gone by then), in microseconds.
     */
    static long finishedChildrenCpuMicros() {
        return statFields(ProcessHandle.current(), 13, 14) * TICK_MICROS; // cutime, cstime
    }

    private static long cpuTicks(ProcessHandle process) {
        return statFields(process, 11, 12); // utime, stime
    }

    /** The sum of two numeric fields of /proc/pid/stat, counted from the field after the command name; 0 if gone. */
    private static long statFields(ProcessHandle process, int first, int second) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // the command name is in parentheses and may hold spaces: fields count from the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[first]) + Long.parseLong(fields[second]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static String commandName(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "comm")).trim();
        } catch (IOException gone) {
            return "";
        }
    }

    private static long statusField(ProcessHandle process, String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"));
            for (String line : lines) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
        return 0;
    }
}
