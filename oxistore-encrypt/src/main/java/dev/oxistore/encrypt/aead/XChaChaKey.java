package dev.oxistore.encrypt.aead;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Cipher;

/**
 * One XChaCha20-Poly1305 key that draws its own nonces, for sealing many messages under one key
 * (the store wraps every value's data key with one). Output is framed as
 * {@code nonce (24) || ciphertext || tag (16)}, the framing of Tink's {@code XChaCha20Poly1305};
 * it is exactly {@link Aead#XCHACHA20_POLY1305} with that nonce, so either opens the other's output.
 *
 * <h2>Nonces</h2>
 * A nonce is a 16-byte random <em>prefix</em> followed by a 64-bit little-endian counter. The key
 * draws a prefix from a {@link SecureRandom} at its first seal and a new one after every
 * {@value #DEFAULT_PREFIX_LIMIT} seals; the counter counts 0, 1, 2, ... within a prefix (an atomic
 * counter: no two threads get one value). Since HChaCha20 reads only the prefix, every message
 * under one prefix uses the same subkey, which this class computes once per prefix instead of
 * once per message.
 *
 * <p><b>Why this is as safe as random nonces.</b> XChaCha20-Poly1305 needs only that no nonce
 * repeats under one key. Within a prefix the counter never repeats and retires long before it
 * could wrap; two prefixes collide with probability at most p<sup>2</sup>/2<sup>129</sup> over p
 * prefixes ever drawn under one key (2<sup>-65</sup> for 2<sup>32</sup> process starts or
 * rollovers), as negligible as the q<sup>2</sup>/2<sup>193</sup> of q fully random 24-byte
 * nonces. Each subkey seals at most {@value #DEFAULT_PREFIX_LIMIT} messages, each with its own
 * 12-byte ChaCha20-Poly1305 nonce, which is all RFC 8439 asks of a key. <b>Limits:</b> the nonces
 * are not random-looking: an observer of the stored bytes sees which messages were sealed under
 * one prefix (one process session, in practice) and their order. And, as with any nonce source
 * kept in memory, restoring a snapshot of a running JVM (VM or CRaC checkpoint) and sealing again
 * would repeat nonces: draw a new key object after a restore.
 *
 * <h2>Opening</h2>
 * Opening reads the prefix from the input and reuses the subkey when the prefix is the current one
 * or one of the recently opened ones (a small direct-mapped cache, filled only after a message
 * authenticates), so reading what this or a recent session wrote costs no HChaCha20; any other
 * prefix costs one HChaCha20 block.
 *
 * <p>Thread-safe. Subkeys live as long as this object, like the key itself; {@link #wipe} zeroes both.
 */
public final class XChaChaKey {

    /** The nonce size in bytes: a 16-byte prefix and an 8-byte counter. */
    public static final int NONCE_SIZE = 24;
    /** The bytes a message grows by: the nonce in front, the tag behind. */
    public static final int OVERHEAD = NONCE_SIZE + Aead.TAG_SIZE;
    /** Seals per prefix before a new prefix is drawn. */
    public static final long DEFAULT_PREFIX_LIMIT = 1L << 32;

    private static final int PREFIX = 16;
    private static final int RECENT = 64;
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final SecureRandom random;
    private final long prefixLimit;
    private final Object rollLock = new Object();
    private final AtomicReferenceArray<Subkey> recent = new AtomicReferenceArray<>(RECENT);
    private volatile Epoch epoch;

    /** A nonce prefix (as two little-endian longs) and its HChaCha20 subkey. */
    private record Subkey(long lo, long hi, byte[] key) {

        boolean matches(byte[] nonce, int off) {
            return lo == (long) LE_LONG.get(nonce, off) && hi == (long) LE_LONG.get(nonce, off + 8);
        }
    }

    /** The prefix seals use now, and how many seals it has had. */
    private record Epoch(byte[] prefix, Subkey subkey, AtomicLong counter) {
    }

    XChaChaKey(byte[] key, SecureRandom random, long prefixLimit) {
        if (key == null || key.length != Aead.KEY_SIZE) {
            throw new InvalidArgumentException("XChaCha20-Poly1305 takes a " + Aead.KEY_SIZE + "-byte key, got "
                    + (key == null ? "null" : key.length + " bytes"));
        }
        if (prefixLimit < 1) {
            throw new InvalidArgumentException("the prefix limit must be at least 1, got " + prefixLimit);
        }
        this.key = key.clone();
        this.random = random;
        this.prefixLimit = prefixLimit;
    }

    /** A key object for {@code key} (32 bytes, copied), drawing prefixes from a shared {@link SecureRandom}. */
    public static XChaChaKey of(byte[] key) {
        return new XChaChaKey(key, RANDOM, DEFAULT_PREFIX_LIMIT);
    }

    /** Seals {@code plaintext} with {@code aad} (may be null) under a fresh nonce: {@code nonce || ciphertext || tag}. */
    public byte[] seal(byte[] plaintext, byte[] aad) {
        if (plaintext == null) {
            throw new InvalidArgumentException("plaintext is null: pass an empty array to authenticate aad alone");
        }
        byte[] out = new byte[plaintext.length + OVERHEAD];
        seal(plaintext, 0, plaintext.length, aad, 0, aad == null ? 0 : aad.length, out, 0);
        return out;
    }

    /**
     * Seals {@code in[inOff, inOff + inLen)} under a fresh nonce, authenticating
     * {@code aad[aadOff, aadOff + aadLen)}, and writes {@code nonce || ciphertext || tag} to
     * {@code out} at {@code outOff} ({@code inLen + 40} bytes, not overlapping the input).
     *
     * @return the number of bytes written, {@code inLen + 40}
     */
    public int seal(byte[] in, int inOff, int inLen, byte[] aad, int aadOff, int aadLen, byte[] out, int outOff) {
        if (out == null || outOff < 0 || inLen < 0 || outOff > out.length - OVERHEAD - inLen) {
            throw new InvalidArgumentException("sealing " + inLen + " bytes needs " + (inLen + OVERHEAD)
                    + " bytes of output from offset " + outOff + ", got an array of "
                    + (out == null ? "null" : out.length + " bytes"));
        }
        Epoch e;
        long n;
        while (true) {
            e = epoch;
            if (e != null && (n = e.counter.getAndIncrement()) < prefixLimit) {
                break;
            }
            roll(e);
        }
        System.arraycopy(e.prefix, 0, out, outOff, PREFIX);
        LE_LONG.set(out, outOff + PREFIX, n);
        byte[] inner = new byte[12];
        LE_LONG.set(inner, 4, n);
        return NONCE_SIZE + Aead.XCHACHA20_POLY1305.run(Aead.CHACHA, Cipher.ENCRYPT_MODE, e.subkey.key, inner,
                in, inOff, inLen, aad, aadOff, aadLen, out, outOff + NONCE_SIZE);
    }

    /** Opens {@code sealed} ({@code nonce || ciphertext || tag}) with {@code aad} (may be null). */
    public byte[] open(byte[] sealed, byte[] aad) {
        if (sealed == null) {
            throw new InvalidArgumentException("sealed input is null");
        }
        return open(sealed, 0, sealed.length, aad, 0, aad == null ? 0 : aad.length);
    }

    /**
     * Verifies and decrypts {@code in[inOff, inOff + inLen)}, framed as {@code nonce || ciphertext || tag}.
     *
     * @return the plaintext, {@code inLen - 40} bytes
     * @throws CorruptionException when authentication fails or the input is shorter than a nonce and a tag
     */
    public byte[] open(byte[] in, int inOff, int inLen, byte[] aad, int aadOff, int aadLen) {
        if (inLen < OVERHEAD) {
            throw new CorruptionException("XChaCha20-Poly1305 input of " + inLen + " bytes is shorter than its "
                    + NONCE_SIZE + "-byte nonce and " + Aead.TAG_SIZE + "-byte tag: it was truncated");
        }
        Subkey s = cached(in, inOff);
        boolean hit = s != null;
        if (!hit) {
            s = derive(in, inOff);
        }
        byte[] inner = new byte[12];
        System.arraycopy(in, inOff + PREFIX, inner, 4, 8);
        byte[] out = new byte[inLen - OVERHEAD];
        Aead.XCHACHA20_POLY1305.run(Aead.CHACHA, Cipher.DECRYPT_MODE, s.key, inner, in, inOff + NONCE_SIZE,
                inLen - NONCE_SIZE, aad, aadOff, aadLen, out, 0);
        if (!hit) {
            remember(s); // only prefixes that authenticated: forged ones cannot evict real ones
        }
        return out;
    }

    /** Zeroes the key and every cached subkey (best effort); the object must not be used afterwards. */
    public void wipe() {
        Arrays.fill(key, (byte) 0);
        Epoch e = epoch;
        if (e != null) {
            Arrays.fill(e.subkey.key, (byte) 0);
        }
        for (int i = 0; i < RECENT; i++) {
            Subkey s = recent.getAndSet(i, null);
            if (s != null) {
                Arrays.fill(s.key, (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "XChaChaKey[prefix limit " + prefixLimit + "]";
    }

    /** Replaces the exhausted (or missing) epoch {@code seen} with one under a fresh prefix, once. */
    private void roll(Epoch seen) {
        synchronized (rollLock) {
            if (epoch == seen) {
                byte[] prefix = new byte[PREFIX];
                random.nextBytes(prefix);
                Subkey s = derive(prefix, 0);
                remember(s); // the retired prefix stays cached too, for opening what it sealed
                epoch = new Epoch(prefix, s, new AtomicLong());
            }
        }
    }

    private Subkey cached(byte[] nonce, int off) {
        Epoch e = epoch;
        if (e != null && e.subkey.matches(nonce, off)) {
            return e.subkey;
        }
        Subkey s = recent.getAcquire(slot((long) LE_LONG.get(nonce, off)));
        return s != null && s.matches(nonce, off) ? s : null;
    }

    private Subkey derive(byte[] nonce, int off) {
        return new Subkey((long) LE_LONG.get(nonce, off), (long) LE_LONG.get(nonce, off + 8),
                HChaCha20.subkey(key, nonce, off));
    }

    private void remember(Subkey s) {
        recent.setRelease(slot(s.lo), s);
    }

    private static int slot(long lo) {
        return (int) lo & (RECENT - 1);
    }
}
