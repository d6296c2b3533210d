package dev.oxistore.kv.spi;

/**
 * A live value with its absolute expiry ({@link Expiry#NEVER} for none), as a {@link ReadView}
 * reports it. The array may be the engine's own: read it, copy it before handing it out, never
 * modify it.
 *
 * @param value     the value, never null
 * @param expiresAt the expiry in epoch milliseconds of the store's clock, or {@link Expiry#NEVER}
 */
public record TimedValue(byte[] value, long expiresAt) {
}
