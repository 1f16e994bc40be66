package io.convro.bootstrap;

/**
 * Startup stopped by something outside the configuration's text (a database that cannot be reached, a port another
 * process holds): its message is the one line printed, naming the variable to look at, with no secret in it.
 */
public final class StartupFailure extends RuntimeException {
    public StartupFailure(String message) {
        super(message, null, false, false);
    }

    /** The first line of what {@code failure} and its causes say at the bottom, secrets masked: the reason itself. */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return Secrets.maskUrl((newline < 0 ? message : message.substring(0, newline)).trim());
    }
}
