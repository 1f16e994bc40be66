package io.convro.bench;

/**
 * One load phase: what wrk saw, what the sockets received, what was stored, and what it cost.
 *
 * @param serverCpu        server process tree CPU, in cores (1.0 = one core busy for the whole phase)
 * @param databaseCpu      the same for every mariadbd process
 * @param machineCpu       all processes together, in cores (2.0 = the machine was saturated)
 * @param loadCpu          the load generators (wrk and this benchmark's socket listeners), in cores
 * @param maxRssKib        the largest resident set of the server tree sampled during the phase
 */
record PhaseResult(String name, int connections, Wrk.Result http, long stored, long delivered, long deliveryP50,
                   long deliveryP99, long deliveryMax, double serverCpu, double databaseCpu, double machineCpu,
                   double loadCpu, long maxRssKib) {

    long acknowledged() {
        return http.requests() - http.non2xx();
    }

    /** Stored messages whose dm:message never arrived at the recipient's socket. */
    long lost() {
        return Math.max(0, stored - delivered);
    }

    /** Sends answered 2xx that left no stored message (must never happen). */
    long acknowledgedNotStored() {
        return Math.max(0, acknowledged() - stored);
    }
}
