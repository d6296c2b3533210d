package dev.oxistore.encrypt.aead;

import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;

/**
 * Idle {@link Cipher} instances of one transformation. A {@code Cipher} is not thread-safe and
 * costs a provider lookup to create, so each operation borrows one, re-initialises it with its own
 * key and nonce, and gives it back; a pool rather than a thread-local keeps virtual threads from
 * each holding one. Instances that failed mid-operation are dropped, not returned.
 */
final class CipherPool {

    private static final int MAX_IDLE = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private final String transformation;
    private final ConcurrentLinkedQueue<Cipher> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    CipherPool(String transformation) {
        this.transformation = transformation;
    }

    /** An idle instance, or a new one. */
    Cipher take() {
        Cipher c = idle.poll();
        if (c != null) {
            idleCount.decrementAndGet();
            return c;
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

    /** Returns {@code c} after a successful operation. */
    void give(Cipher c) {
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offer(c);
        } else {
            idleCount.decrementAndGet();
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
}
