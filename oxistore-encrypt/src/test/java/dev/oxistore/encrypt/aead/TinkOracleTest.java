package dev.oxistore.encrypt.aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.aead.internal.InsecureNonceXChaCha20Poly1305;
import com.google.crypto.tink.subtle.XChaCha20Poly1305;
import dev.oxistore.kv.CorruptionException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Our XChaCha20-Poly1305 against Google Tink's, in both directions: Tink's
 * {@code InsecureNonceXChaCha20Poly1305} is its own pure-Java ChaCha20 and Poly1305 (no JDK
 * cipher), so agreement is evidence from an independent implementation; {@code subtle.XChaCha20Poly1305}
 * checks the nonce-prefixed framing too. Random inputs from one seed, printed on failure.
 */
class TinkOracleTest {

    private static final int CASES = 300 * Integer.getInteger("oxistore.soak", 1);

    @Test
    void tinkAgreesWithTheDraftVector() throws GeneralSecurityException {
        byte[] key = HexFormat.of().parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] aad = HexFormat.of().parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] plaintext = Aead.XCHACHA20_POLY1305.open(key, AeadTest.XCHACHA_NONCE,
                HexFormat.of().parseHex(AeadTest.XCHACHA_SEALED), aad);
        assertThat(HexFormat.of().formatHex(new InsecureNonceXChaCha20Poly1305(key).encrypt(AeadTest.XCHACHA_NONCE, plaintext, aad)))
                .isEqualTo(AeadTest.XCHACHA_SEALED);
    }

    @Test
    void oursAndTinksOpenEachOthersOutput() throws GeneralSecurityException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            byte[] key = AeadTest.bytes(random, 32);
            byte[] nonce = AeadTest.bytes(random, 24);
            int length = i < 200 ? i : random.nextInt(70_000);
            byte[] plaintext = AeadTest.bytes(random, length);
            byte[] aad = AeadTest.bytes(random, random.nextInt(3) == 0 ? 0 : random.nextInt(100));
            String where = "seed " + seed + ", case " + i + ", length " + length;
            InsecureNonceXChaCha20Poly1305 tink = new InsecureNonceXChaCha20Poly1305(key);

            byte[] ours = Aead.XCHACHA20_POLY1305.seal(key, nonce, plaintext, aad);
            assertThat(tink.decrypt(nonce, ours, aad)).as("Tink opens ours, " + where).isEqualTo(plaintext);
            byte[] theirs = tink.encrypt(nonce, plaintext, aad);
            assertThat(theirs).as("same bytes, " + where).isEqualTo(ours);
            assertThat(Aead.XCHACHA20_POLY1305.open(key, nonce, theirs, aad)).as("we open Tink's, " + where).isEqualTo(plaintext);
        }
    }

    @Test
    void tinksRandomNonceFramingOpensWithOursAndBack() throws GeneralSecurityException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < CASES / 3; i++) {
            byte[] key = AeadTest.bytes(random, 32);
            byte[] plaintext = AeadTest.bytes(random, random.nextInt(2_000));
            byte[] aad = AeadTest.bytes(random, random.nextInt(50));
            String where = "seed " + seed + ", case " + i;
            XChaCha20Poly1305 tink = new XChaCha20Poly1305(key);

            byte[] framed = tink.encrypt(plaintext, aad); // nonce || ciphertext || tag
            byte[] nonce = Arrays.copyOf(framed, 24);
            assertThat(Aead.XCHACHA20_POLY1305.open(key, nonce, Arrays.copyOfRange(framed, 24, framed.length), aad))
                    .as(where).isEqualTo(plaintext);

            byte[] ourNonce = AeadTest.bytes(random, 24);
            byte[] ours = Aead.XCHACHA20_POLY1305.seal(key, ourNonce, plaintext, aad);
            byte[] ourFramed = Arrays.copyOf(ourNonce, 24 + ours.length);
            System.arraycopy(ours, 0, ourFramed, 24, ours.length);
            assertThat(tink.decrypt(ourFramed, aad)).as(where).isEqualTo(plaintext);
        }
    }

    /** XChaChaKey frames as Tink's XChaCha20Poly1305 does: each opens the other's, prefix-and-counter nonces included. */
    @Test
    void xchachaKeyAndTinksFramingOpenEachOther() throws GeneralSecurityException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < CASES / 3; i++) {
            byte[] key = AeadTest.bytes(random, 32);
            byte[] plaintext = AeadTest.bytes(random, random.nextInt(2_000));
            byte[] aad = AeadTest.bytes(random, random.nextInt(50));
            String where = "seed " + seed + ", case " + i;
            XChaCha20Poly1305 tink = new XChaCha20Poly1305(key);
            XChaChaKey ours = XChaChaKey.of(key);
            assertThat(tink.decrypt(ours.seal(plaintext, aad), aad)).as(where).isEqualTo(plaintext);
            assertThat(ours.open(tink.encrypt(plaintext, aad), aad)).as(where).isEqualTo(plaintext);
        }
    }

    @Test
    void bothRejectTheSameTamperedInput() throws GeneralSecurityException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 50; i++) {
            byte[] key = AeadTest.bytes(random, 32);
            byte[] nonce = AeadTest.bytes(random, 24);
            byte[] plaintext = AeadTest.bytes(random, 1 + random.nextInt(300));
            byte[] sealed = Aead.XCHACHA20_POLY1305.seal(key, nonce, plaintext, null);
            sealed[random.nextInt(sealed.length)] ^= (byte) (1 << random.nextInt(8));
            InsecureNonceXChaCha20Poly1305 tink = new InsecureNonceXChaCha20Poly1305(key);
            assertThatThrownBy(() -> tink.decrypt(nonce, sealed, new byte[0])).as("seed %d case %d", seed, i)
                    .isInstanceOf(GeneralSecurityException.class);
            assertThatThrownBy(() -> Aead.XCHACHA20_POLY1305.open(key, nonce, sealed, null)).as("seed %d case %d", seed, i)
                    .isInstanceOf(CorruptionException.class);
        }
    }
}
