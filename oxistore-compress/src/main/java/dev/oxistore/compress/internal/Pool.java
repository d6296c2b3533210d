package dev.oxistore.compress.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A small lock-free pool of reusable working memory (hash tables, decoding tables, zlib handles),
 * so a codec call allocates nothing big in the common case. Each thread prefers the slot picked by
 * its id; a miss simply allocates, and a full slot drops the returned object for the GC. Works the
 * same for platform and virtual threads, unlike a {@code ThreadLocal}.
 */
public final class Pool<T> {

    private final AtomicReferenceArray<T> slots;
    private final int mask;
    private final Supplier<T> factory;

    /** A pool that creates objects with {@code factory} on a miss. */
    public Pool(Supplier<T> factory) {
        int n = Integer.highestOneBit(Math.clamp(Runtime.getRuntime().availableProcessors() * 2L, 2, 64) * 2 - 1);
        this.slots = new AtomicReferenceArray<>(n);
        this.mask = n - 1;
        this.factory = factory;
    }

    /** An object for the caller's exclusive use until {@link #release}. */
    public T acquire() {
        int i = (int) Thread.currentThread().threadId() & mask;
        T t = slots.getAndSet(i, null);
        if (t == null) {
            t = slots.getAndSet((i + 1) & mask, null);
        }
        return t != null ? t : factory.get();
    }

    /** Returns {@code t} to the pool; the caller must not use it afterwards. */
    public void release(T t) {
        int i = (int) Thread.currentThread().threadId() & mask;
        if (!slots.compareAndSet(i, null, t)) {
            slots.compareAndSet((i + 1) & mask, null, t);
        }
    }
}
