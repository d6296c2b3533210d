package dev.oxistore.kv.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Absolute expiry times as engines keep them: epoch milliseconds from the store's clock, with
 * {@link #NEVER} for "no expiry". A value is expired once the clock reads its expiry time or
 * later, so a value put with a time to live of {@code t} is visible for exactly {@code t}.
 */
public final class Expiry {

    /** The expiry of a value that never expires. */
    public static final long NEVER = Long.MAX_VALUE;

    private Expiry() {
    }

    /**
     * The expiry time of a value written at {@code nowMillis} with time to live {@code ttl},
     * rounded up to whole milliseconds (so a positive ttl never expires on the spot) and
     * saturated just below {@link #NEVER} for absurdly long ttls.
     */
    public static long deadline(long nowMillis, Duration ttl) {
        try {
            long millis = Math.max(1, ttl.plusNanos(999_999).toMillis());
            return Math.min(Math.addExact(nowMillis, millis), NEVER - 1);
        } catch (ArithmeticException overflow) {
            return NEVER - 1;
        }
    }

    /** True when a value with expiry {@code expiresAt} is expired at {@code nowMillis}. */
    public static boolean isExpired(long expiresAt, long nowMillis) {
        return expiresAt <= nowMillis;
    }

    /** The time left until {@code expiresAt}: empty for {@link #NEVER} or when already expired. */
    public static Optional<Duration> remaining(long expiresAt, long nowMillis) {
        if (expiresAt == NEVER || expiresAt <= nowMillis) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(expiresAt - nowMillis));
    }
}
