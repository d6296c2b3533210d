package dev.oxistore.blob.spi;

import dev.oxistore.blob.ChecksumMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Hashes what is read and, at the end of the stream, compares with the expected SHA-256. */
final class VerifyingInputStream extends FilterInputStream {

    private final String what;
    private final String expected;
    private final MessageDigest digest = DigestingInputStream.newSha256();
    private boolean verified;

    VerifyingInputStream(InputStream in, String what, String expected) {
        super(in);
        this.what = what;
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verify();
        } else {
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            verify();
        } else {
            digest.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Every byte must pass through the digest.
        return readNBytes(Math.toIntExact(Math.min(n, 1 << 20))).length;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() {
        if (verified) {
            return;
        }
        verified = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected)) {
            throw new ChecksumMismatchException(what, expected, actual);
        }
    }
}
