package dev.oxistore.encrypt.aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Known answers from the XChaCha draft and RFC 8439, and tamper checks for every AEAD. */
class AeadTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SUNSCREEN = ("Ladies and Gentlemen of the class of '99: If I could offer you only one "
            + "tip for the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    private static final byte[] AAD = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");

    /** draft-irtf-cfrg-xchacha-03, appendix A.3.1. */
    static final String XCHACHA_SEALED = "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
            + "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
            + "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
            + "21f9664c97637da9768812f615c68b13b52e"
            + "c0875924c1c7987947deafd8780acf49";
    static final byte[] XCHACHA_NONCE = HEX.parseHex("404142434445464748494a4b4c4d4e4f5051525354555657");

    @Test
    void xchachaSealsTheDraftsAppendixA31Vector() {
        assertThat(HEX.formatHex(Aead.XCHACHA20_POLY1305.seal(KEY, XCHACHA_NONCE, SUNSCREEN, AAD))).isEqualTo(XCHACHA_SEALED);
        // Twice in a row with the same key and nonce: the JDK refuses that on one Cipher; we must not.
        assertThat(HEX.formatHex(Aead.XCHACHA20_POLY1305.seal(KEY, XCHACHA_NONCE, SUNSCREEN, AAD))).isEqualTo(XCHACHA_SEALED);
    }

    @Test
    void xchachaOpensTheDraftsAppendixA31Vector() {
        assertThat(Aead.XCHACHA20_POLY1305.open(KEY, XCHACHA_NONCE, HEX.parseHex(XCHACHA_SEALED), AAD)).isEqualTo(SUNSCREEN);
    }

    /** RFC 8439 section 2.8.2: the same plaintext under ChaCha20-Poly1305 with a 12-byte nonce. */
    @Test
    void chachaMatchesRfc8439Section282() {
        byte[] nonce = HEX.parseHex("070000004041424344454647");
        String expected = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116"
                + "1ae10b594f09e26a7e902ecbd0600691";
        assertThat(HEX.formatHex(Aead.CHACHA20_POLY1305.seal(KEY, nonce, SUNSCREEN, AAD))).isEqualTo(expected);
        assertThat(Aead.CHACHA20_POLY1305.open(KEY, nonce, HEX.parseHex(expected), AAD)).isEqualTo(SUNSCREEN);
    }

    /** XChaCha20-Poly1305 is ChaCha20-Poly1305 under the HChaCha20 subkey with nonce 0000 || nonce[16..24]. */
    @Test
    void xchachaIsChachaUnderTheHchachaSubkey() {
        byte[] subkey = HChaCha20.subkey(KEY, XCHACHA_NONCE, 0);
        byte[] inner = new byte[12];
        System.arraycopy(XCHACHA_NONCE, 16, inner, 4, 8);
        assertThat(Aead.CHACHA20_POLY1305.seal(subkey, inner, SUNSCREEN, AAD))
                .isEqualTo(Aead.XCHACHA20_POLY1305.seal(KEY, XCHACHA_NONCE, SUNSCREEN, AAD));
    }

    @ParameterizedTest
    @EnumSource(Aead.class)
    void roundTripsEveryLengthAndTheOffsetForms(Aead aead) {
        Random random = new Random(7);
        for (int length : new int[] {0, 1, 15, 16, 17, 63, 64, 65, 1024, 65_537}) {
            byte[] key = bytes(random, 32);
            byte[] nonce = bytes(random, aead.nonceSize());
            byte[] plaintext = bytes(random, length);
            byte[] aad = bytes(random, length % 40);
            byte[] sealed = aead.seal(key, nonce, plaintext, aad);
            assertThat(sealed).hasSize(length + Aead.TAG_SIZE);
            assertThat(aead.open(key, nonce, sealed, aad)).isEqualTo(plaintext);

            byte[] framed = new byte[3 + length + Aead.TAG_SIZE + 5];
            byte[] paddedPlain = new byte[length + 4];
            System.arraycopy(plaintext, 0, paddedPlain, 2, length);
            byte[] paddedAad = new byte[aad.length + 2];
            System.arraycopy(aad, 0, paddedAad, 1, aad.length);
            int n = aead.seal(key, nonce, paddedPlain, 2, length, paddedAad, 1, aad.length, framed, 3);
            assertThat(n).isEqualTo(length + Aead.TAG_SIZE);
            assertThat(Arrays.copyOfRange(framed, 3, 3 + n)).isEqualTo(sealed);
            assertThat(aead.open(key, nonce, framed, 3, n, paddedAad, 1, aad.length)).isEqualTo(plaintext);
        }
    }

    @ParameterizedTest
    @EnumSource(Aead.class)
    void everyChangeFailsToOpen(Aead aead) {
        Random random = new Random(11);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, aead.nonceSize());
        byte[] plaintext = bytes(random, 100);
        byte[] aad = bytes(random, 20);
        byte[] sealed = aead.seal(key, nonce, plaintext, aad);
        for (int bit = 0; bit < sealed.length * 8; bit += 7) {
            byte[] changed = sealed.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> aead.open(key, nonce, changed, aad)).as("bit %d of ciphertext||tag", bit)
                    .isInstanceOf(CorruptionException.class);
        }
        for (int i = 0; i < nonce.length; i++) {
            byte[] changed = nonce.clone();
            changed[i] ^= 0x01;
            assertThatThrownBy(() -> aead.open(key, changed, sealed, aad)).as("nonce byte %d", i)
                    .isInstanceOf(CorruptionException.class);
        }
        byte[] otherAad = aad.clone();
        otherAad[5] ^= 0x40;
        assertThatThrownBy(() -> aead.open(key, nonce, sealed, otherAad)).isInstanceOf(CorruptionException.class);
        assertThatThrownBy(() -> aead.open(key, nonce, sealed, null)).isInstanceOf(CorruptionException.class);
        byte[] otherKey = key.clone();
        otherKey[31] ^= 0x01;
        assertThatThrownBy(() -> aead.open(otherKey, nonce, sealed, aad)).isInstanceOf(CorruptionException.class);
        for (int cut : new int[] {0, 1, 15, sealed.length - 1}) {
            byte[] truncated = Arrays.copyOf(sealed, cut);
            assertThatThrownBy(() -> aead.open(key, nonce, truncated, aad)).as("truncated to %d", cut)
                    .isInstanceOf(CorruptionException.class);
        }
        assertThat(aead.open(key, nonce, sealed, aad)).as("the original still opens").isEqualTo(plaintext);
    }

    @Test
    void wrongSizedKeysAndNoncesAreRejected() {
        byte[] key = new byte[32];
        assertThatThrownBy(() -> Aead.XCHACHA20_POLY1305.seal(new byte[16], new byte[24], new byte[1], null))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("32-byte key");
        assertThatThrownBy(() -> Aead.XCHACHA20_POLY1305.seal(key, new byte[12], new byte[1], null))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("24-byte nonce");
        assertThatThrownBy(() -> Aead.AES_256_GCM.open(key, null, new byte[16], null))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Aead.CHACHA20_POLY1305.seal(null, new byte[12], new byte[1], null))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void everyAeadIsAvailableOnThisJdk() {
        for (Aead aead : Aead.values()) {
            assertThat(aead.isAvailable()).as("%s", aead).isTrue();
        }
    }

    static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
