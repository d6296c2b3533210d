package dev.oxistore.cli.command;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a time to live: numbers with units, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
 * {@code 7d}, combined as in {@code 1h30m}, or ISO-8601 such as {@code PT30S}.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    /**
     * Parses {@code text}.
     *
     * @throws TypeConversionException when it is not a positive duration in one of the forms above
     */
    public static Duration parse(String text) {
        String t = text.trim();
        Duration d = t.regionMatches(true, 0, "P", 0, 1) ? iso(t) : units(t);
        if (d == null || d.isZero() || d.isNegative()) {
            throw new TypeConversionException("'" + text + "' is not a positive duration: write e.g. 30s, 5m, 1h30m, 7d or PT30S");
        }
        return d;
    }

    private static Duration iso(String t) {
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration units(String t) {
        try {
            return sumOfParts(t);
        } catch (ArithmeticException e) {
            return null; // too large to be a duration
        }
    }

    private static Duration sumOfParts(String t) {
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            Duration part = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            total = total.plus(part);
            end = m.end();
        }
        return end == t.length() && end > 0 ? total : null;
    }
}
