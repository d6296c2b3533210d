package dev.oxistore.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlobKeysTest {

    @Test
    void orderIsUnsignedUtf8ByteOrder() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        int[] pool = {'a', 'b', '/', '-', '.', 0xE9, 0x7FF, 0x800, 0xFFFD, 0xE000, 0x1F600, 0x10FFFF};
        for (int i = 0; i < 20_000; i++) {
            String a = random(r, pool);
            String b = random(r, pool);
            int bytes = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertThat(Integer.signum(BlobKeys.compare(a, b))).as("seed %d: %s vs %s", seed, a, b).isEqualTo(bytes);
        }
    }

    private static String random(Random r, int[] pool) {
        StringBuilder b = new StringBuilder();
        for (int n = r.nextInt(5); n > 0; n--) {
            b.appendCodePoint(pool[r.nextInt(pool.length)]);
        }
        return b.toString();
    }

    @Test
    void eachRuleHasItsMessage() {
        assertThatThrownBy(() -> BlobKeys.checkKey("")).isInstanceOf(InvalidKeyException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> BlobKeys.checkKey("/a")).hasMessageContaining("starts with '/'");
        assertThatThrownBy(() -> BlobKeys.checkKey("a/")).hasMessageContaining("ends with '/'");
        assertThatThrownBy(() -> BlobKeys.checkKey("a//b")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> BlobKeys.checkKey("a/../b")).hasMessageContaining("'..' segment");
        assertThatThrownBy(() -> BlobKeys.checkKey("./b")).hasMessageContaining("'.' segment");
        assertThatThrownBy(() -> BlobKeys.checkKey("a\u0000")).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> BlobKeys.checkKey("a\\b")).hasMessageContaining("backslash");
        assertThatThrownBy(() -> BlobKeys.checkKey("a\uDC00")).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> BlobKeys.checkKey("x".repeat(201))).hasMessageContaining("segment of 201");
        assertThat(BlobKeys.checkKey(("x".repeat(200) + "/").repeat(5) + "y".repeat(19))).hasSize(1024);
        assertThatThrownBy(() -> BlobKeys.checkKey(("x".repeat(200) + "/").repeat(5) + "y".repeat(20)))
                .hasMessageContaining("1025 UTF-8 bytes");
        assertThatThrownBy(() -> BlobKeys.checkKey(null)).isInstanceOf(InvalidKeyException.class).hasMessageContaining("null");
        // A multi-byte character counts as its UTF-8 bytes.
        assertThatThrownBy(() -> BlobKeys.checkKey("\u00e9".repeat(101))).hasMessageContaining("202 UTF-8 bytes");
        assertThat(BlobKeys.checkKey("\u00e9".repeat(100))).hasSize(100);
    }

    @Test
    void prefixesMayEndWithASlashOrBeEmpty() {
        assertThat(BlobKeys.checkPrefix("")).isEmpty();
        assertThat(BlobKeys.checkPrefix("a/")).isEqualTo("a/");
        assertThat(BlobKeys.checkPrefix("a/b")).isEqualTo("a/b");
        assertThatThrownBy(() -> BlobKeys.checkPrefix("/a")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> BlobKeys.checkPrefix("a\\")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> BlobKeys.checkPrefix(null)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void putOptionsRefuseUnportableMetadata() {
        assertThatThrownBy(() -> PutOptions.defaults().withMetadata("Bad-Name", "x")).hasMessageContaining("a-z, 0-9 and _");
        assertThatThrownBy(() -> PutOptions.defaults().withMetadata("n", "caf\u00e9")).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> PutOptions.defaults().withMetadata("n", "x".repeat(3000))).hasMessageContaining("2048");
        assertThatThrownBy(() -> PutOptions.defaults().withContentType("")).hasMessageContaining("content type");
        assertThatThrownBy(() -> Precondition.ifMatch("")).hasMessageContaining("ETag");
        assertThat(PutOptions.defaults().withMetadata("ok_1", "v").userMetadata()).containsEntry("ok_1", "v");
    }
}
