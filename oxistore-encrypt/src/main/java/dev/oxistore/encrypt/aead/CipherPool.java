package dev.oxistore.encrypt.aead;

import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Cipher;

/**
 * Idle {@link Cipher} instances of one transformation. A {@code Cipher} is not thread-safe and
 * costs a provider lookup to create, so each operation borrows one, re-initialises it with its own
 * key and nonce, and gives it back. Instances that failed mid-operation are dropped, not returned.
 *
 * <p>A platform thread keeps its own instance in a thread-local (platform threads are few, and
 * this is the cheapest way back to it: no atomic operation). Virtual threads, which may be
 * millions, share a small array of slots instead, each starting at the slot its id hashes to;
 * neither path allocates per operation (a queue would allocate a node per return).
 */
final class CipherPool {

    private static final int SLOTS = Integer.highestOneBit(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()) - 1) << 1;
    private static final int PROBES = 4;

    private final String transformation;
    private final AtomicReferenceArray<Cipher> slots = new AtomicReferenceArray<>(SLOTS);
    /** A platform thread's idle instance, in a one-element box; empty while the thread uses it. */
    private final ThreadLocal<Cipher[]> own = ThreadLocal.withInitial(() -> new Cipher[1]);

    CipherPool(String transformation) {
        this.transformation = transformation;
    }

    /** An idle instance, or a new one. */
    Cipher take() {
        Thread t = Thread.currentThread();
        if (!t.isVirtual()) {
            Cipher[] box = own.get();
            Cipher c = box[0];
            box[0] = null;
            return c != null ? c : fresh();
        }
        int home = home(t);
        for (int i = 0; i < PROBES; i++) {
            int slot = (home + i) & (SLOTS - 1);
            Cipher c = slots.getPlain(slot);
            if (c != null && slots.compareAndSet(slot, c, null)) {
                return c;
            }
        }
        return fresh();
    }

    /** A new instance, never pooled before. */
    Cipher fresh() {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK offers no " + transformation + " cipher (a restricted "
                    + "security provider list?): choose an algorithm the JDK provides", e);
        }
    }

    /** Returns {@code c} after a successful operation; dropped when the slots near home are full. */
    void give(Cipher c) {
        Thread t = Thread.currentThread();
        if (!t.isVirtual()) {
            own.get()[0] = c;
            return;
        }
        int home = home(t);
        for (int i = 0; i < PROBES; i++) {
            int slot = (home + i) & (SLOTS - 1);
            if (slots.getPlain(slot) == null && slots.compareAndSet(slot, null, c)) {
                return;
            }
        }
    }

    /** True when the JDK offers this transformation. */
    boolean available() {
        try {
            give(Cipher.getInstance(transformation));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static int home(Thread t) {
        long id = t.threadId();
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 32);
    }
}
