package dev.oxistore.blob.spi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts the bytes read through it and, when asked, hashes them with SHA-256. Does not close its source. */
public final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest digest;
    private long count;

    /** Wraps {@code in}; hashes when {@code sha256} is true. */
    public DigestingInputStream(InputStream in, boolean sha256) {
        super(in);
        this.digest = sha256 ? newSha256() : null;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count++;
            if (digest != null) {
                digest.update((byte) b);
            }
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
            if (digest != null) {
                digest.update(b, off, n);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping would leave bytes out of the count and the hash: read them instead.
        return super.skip(0) + readNBytes(Math.toIntExact(Math.min(n, Integer.MAX_VALUE))).length;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // The caller owns the source stream.
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    /** The SHA-256 of the bytes read so far in lower-case hex, or null when not hashing. Call once, at the end. */
    public String sha256Hex() {
        return digest == null ? null : HexFormat.of().formatHex(digest.digest());
    }

    /** A new SHA-256 digest (every JDK has one). */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
