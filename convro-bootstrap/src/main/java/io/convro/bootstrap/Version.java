package io.convro.bootstrap;

/** The server's version, from the jar manifest (a development build says "dev"). */
final class Version {
    private Version() {
    }

    static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
