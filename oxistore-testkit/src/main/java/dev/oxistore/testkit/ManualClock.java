package dev.oxistore.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to, for deterministic TTL tests. Thread-safe. */
public final class ManualClock implements InstantSource {

    private final AtomicLong millis;

    /** A clock standing at {@code start}. */
    public ManualClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    /** A clock standing at 2025-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2025-01-01T00:00:00Z"));
    }

    /** Moves the clock forward by {@code d}. */
    public void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }
}
