package io.convro.bootstrap;

import java.util.regex.Pattern;

/** What may be printed of a value that can carry a secret: a URL's password, in any of the places URLs put one. */
final class Secrets {
    static final String MASK = "***";
    /** {@code scheme://user:password@host}: the password between the colon and the at sign. */
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?#]*:)[^/@?#]*@");
    /** {@code ?password=…} or {@code ;password=…} (JDBC URLs carry it either way), any case, up to the next separator. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;](?:password|pwd|pass)\\d*=)[^&;]*");

    private Secrets() {
    }

    /** {@code url} with any password it holds replaced by {@value #MASK}. */
    static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO_PASSWORD.matcher(url).replaceAll("$1" + MASK + "@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }
}
