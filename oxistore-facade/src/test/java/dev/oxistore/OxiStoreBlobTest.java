package dev.oxistore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.blob.BlobStore;
import dev.oxistore.kv.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OxiStoreBlobTest {

    @TempDir
    Path temp;

    @Test
    void openBlobOpensALocalStoreThatPersists() {
        Path root = temp.resolve("blobs");
        try (BlobStore store = OxiStore.openBlob(root)) {
            store.put("a/b", "hello".getBytes(StandardCharsets.UTF_8)).join();
        }
        try (BlobStore store = OxiStore.openBlob(root)) {
            assertThat(store.get("a/b").join()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        }
        assertThat(root.resolve("oxistore-blob.format")).exists();
    }

    @Test
    void nullRootIsRefused() {
        assertThatThrownBy(() -> OxiStore.openBlob(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("root");
    }
}
