package io.convro.bench;

/** Settings every load-generating JVM of the benchmarks needs before it sends its first request. */
final class LoadJvm {
    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private LoadJvm() {
    }

    /**
     * Give the common pool at least two threads. On a 2-core machine its parallelism is 1, and {@code CompletableFuture}
     * then runs every stage without an executor of its own on a new thread: the JDK's HttpClient has such stages, and
     * after the soak's kill-and-restart the load's threads spent half their wall time starting threads (a wall-clock
     * profile of the soak's JVM), which delayed every request it sent by seconds and took CPU from the server beside
     * it. Call first thing in {@code main}, before anything touches {@code CompletableFuture}.
     */
    static void prepare() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM,
                    Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
        }
    }
}
