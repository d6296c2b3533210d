package dev.oxistore.encrypt.aead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/** {@link CipherPool}: reuse on one thread, never one instance in two hands, on platform and virtual threads. */
class CipherPoolTest {

    @Test
    void aPlatformThreadGetsItsOwnInstanceBack() {
        CipherPool pool = new CipherPool("ChaCha20-Poly1305");
        Cipher c = pool.take();
        pool.give(c);
        assertThat(pool.take()).isSameAs(c);
        assertThat(pool.take()).as("taken: a second borrower gets another").isNotSameAs(c);
    }

    @Test
    void noInstanceIsEverLentTwiceAtOnce() throws InterruptedException {
        for (boolean virtual : new boolean[] {false, true}) {
            CipherPool pool = new CipherPool("ChaCha20-Poly1305");
            Set<Cipher> inUse = ConcurrentHashMap.newKeySet();
            Set<Cipher> seen = ConcurrentHashMap.newKeySet();
            AtomicInteger doubleLent = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                Runnable work = () -> {
                    for (int i = 0; i < 2_000; i++) {
                        Cipher c = pool.take();
                        seen.add(c);
                        if (!inUse.add(c)) {
                            doubleLent.incrementAndGet();
                        }
                        Thread.yield();
                        inUse.remove(c);
                        pool.give(c);
                    }
                };
                threads.add(virtual ? Thread.ofVirtual().start(work) : Thread.ofPlatform().start(work));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(doubleLent).as("virtual %s", virtual).hasValue(0);
            if (!virtual) {
                assertThat(seen).as("one instance per platform thread").hasSize(16);
            }
        }
    }

    /** Many virtual threads sealing at once through the shared slots all get the right bytes. */
    @Test
    void concurrentVirtualThreadsSealCorrectly() throws InterruptedException {
        Random random = new Random(11);
        int n = 200;
        byte[][] keys = new byte[n][];
        byte[][] nonces = new byte[n][];
        byte[][] expected = new byte[n][];
        byte[] plaintext = AeadTest.bytes(random, 300);
        for (int i = 0; i < n; i++) {
            keys[i] = AeadTest.bytes(random, 32);
            nonces[i] = AeadTest.bytes(random, 24);
            expected[i] = Aead.XCHACHA20_POLY1305.seal(keys[i], nonces[i], plaintext, null);
        }
        AtomicInteger wrong = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int r = 0; r < 20; r++) {
                    byte[] sealed = Aead.XCHACHA20_POLY1305.seal(keys[k], nonces[k], plaintext, null);
                    if (!java.util.Arrays.equals(sealed, expected[k])
                            || !java.util.Arrays.equals(Aead.XCHACHA20_POLY1305.open(keys[k], nonces[k], sealed, null), plaintext)) {
                        wrong.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(wrong).hasValue(0);
    }
}
