package dev.oxistore.cli.term;

import java.util.Locale;

/** Formats counts, sizes and durations for people. */
public final class Units {

    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {
    }

    /** {@code 1234567} as {@code "1,234,567"}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code n} and the noun in the right number: {@code "1 entry"}, {@code "1,000 entries"}. */
    public static String count(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }

    /** A byte size with a binary unit: {@code "512 B"}, {@code "1.2 MiB"}. */
    public static String bytes(long n) {
        if (n < 1024 && n > -1024) {
            return n + " B";
        }
        double v = n;
        int unit = 0;
        while (Math.abs(v) >= 1024 && unit < BINARY.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, BINARY[unit]);
    }

    /** Whole seconds as {@code "m:ss"} or {@code "h:mm:ss"}. */
    public static String clock(long seconds) {
        long s = Math.max(0, seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
