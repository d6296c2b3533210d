package dev.oxistore.encrypt.aead;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * HChaCha20 (draft-irtf-cfrg-xchacha-03, section 2.2): the ChaCha20 block function of RFC 8439
 * without the final addition of the input state, keeping words 0-3 and 12-15. It turns a 256-bit
 * key and the first 16 bytes of an XChaCha20 nonce into a 256-bit subkey.
 */
final class HChaCha20 {

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private HChaCha20() {
    }

    /** The subkey for {@code key} (32 bytes) and {@code nonce[nonceOff, nonceOff + 16)}. */
    static byte[] subkey(byte[] key, byte[] nonce, int nonceOff) {
        // "expand 32-byte k", then the key, then the 16 nonce bytes where RFC 8439 has counter and nonce.
        int x0 = 0x61707865, x1 = 0x3320646e, x2 = 0x79622d32, x3 = 0x6b206574;
        int x4 = le(key, 0), x5 = le(key, 4), x6 = le(key, 8), x7 = le(key, 12);
        int x8 = le(key, 16), x9 = le(key, 20), x10 = le(key, 24), x11 = le(key, 28);
        int x12 = le(nonce, nonceOff), x13 = le(nonce, nonceOff + 4);
        int x14 = le(nonce, nonceOff + 8), x15 = le(nonce, nonceOff + 12);
        for (int i = 0; i < 10; i++) {
            // Column round: QR(0,4,8,12) QR(1,5,9,13) QR(2,6,10,14) QR(3,7,11,15).
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
            // Diagonal round: QR(0,5,10,15) QR(1,6,11,12) QR(2,7,8,13) QR(3,4,9,14).
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
        }
        byte[] out = new byte[32];
        LE_INT.set(out, 0, x0);
        LE_INT.set(out, 4, x1);
        LE_INT.set(out, 8, x2);
        LE_INT.set(out, 12, x3);
        LE_INT.set(out, 16, x12);
        LE_INT.set(out, 20, x13);
        LE_INT.set(out, 24, x14);
        LE_INT.set(out, 28, x15);
        return out;
    }

    private static int le(byte[] b, int off) {
        return (int) LE_INT.get(b, off);
    }
}
