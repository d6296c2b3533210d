package dev.oxistore.encrypt.aead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** HChaCha20 against draft-irtf-cfrg-xchacha-03, section 2.2.1. */
class HChaCha20Test {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void subkeyMatchesTheDraftsTestVector() {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] nonce = HEX.parseHex("000000090000004a0000000031415927");
        assertThat(HEX.formatHex(HChaCha20.subkey(key, nonce, 0)))
                .isEqualTo("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
    }

    @Test
    void theNonceIsReadFromItsOffset() {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] padded = HEX.parseHex("ffff000000090000004a0000000031415927");
        assertThat(HEX.formatHex(HChaCha20.subkey(key, padded, 2)))
                .isEqualTo("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
    }
}
