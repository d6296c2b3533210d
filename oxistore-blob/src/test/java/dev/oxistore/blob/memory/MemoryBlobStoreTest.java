package dev.oxistore.blob.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.oxistore.blob.ChecksumMismatchException;
import dev.oxistore.blob.MultipartUpload;
import dev.oxistore.blob.PutOptions;
import dev.oxistore.kv.CapacityExceededException;
import dev.oxistore.kv.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class MemoryBlobStoreTest {

    private static Throwable cause(Runnable r) {
        Throwable t = catchThrowable(r::run);
        return t instanceof CompletionException c ? c.getCause() : t;
    }

    @Test
    void quotaRefusesWritesThatDoNotFitAndLeavesTheStoreAsItWas() {
        try (MemoryBlobStore store = MemoryBlobStore.withQuota(1 << 20)) {
            store.put("a", new byte[600 << 10]).join();
            long used = store.usedBytes();
            assertThat(used).isBetween(600L << 10, 1L << 20);
            assertThat(cause(() -> store.put("b", new byte[600 << 10]).join())).isInstanceOf(CapacityExceededException.class)
                    .hasMessageContaining("quota").hasMessageContaining("full");
            assertThat(cause(() -> store.put("a", new ByteArrayInputStream(new byte[2 << 20])).join()))
                    .as("a streamed put fails midway").isInstanceOf(CapacityExceededException.class);
            assertThat(store.usedBytes()).isEqualTo(used);
            assertThat(store.get("a").join()).hasSize(600 << 10);
            assertThat(store.head("b").join()).isEmpty();
            store.copy("a", "a2").join();
            assertThat(store.usedBytes()).as("copies share bytes").isEqualTo(used);
            store.delete("a").join();
            assertThat(store.usedBytes()).as("still held by the copy").isEqualTo(used);
            store.delete("a2").join();
            assertThat(store.usedBytes()).isZero();
            store.put("b", new byte[600 << 10]).join();
            store.put("b", new byte[10]).join();
            assertThat(store.usedBytes()).as("an overwrite frees the old bytes").isLessThan(1 << 10);
        }
    }

    @Test
    void partsCountTowardsTheQuotaUntilAborted() {
        try (MemoryBlobStore store = MemoryBlobStore.withQuota(1 << 20)) {
            MultipartUpload up = store.initiateMultipart("mp", PutOptions.defaults()).join();
            store.uploadPart(up, 1, new byte[700 << 10]).join();
            assertThat(cause(() -> store.put("x", new byte[400 << 10]).join())).isInstanceOf(CapacityExceededException.class);
            store.abortMultipart(up).join();
            assertThat(store.usedBytes()).isZero();
            store.put("x", new byte[400 << 10]).join();
        }
    }

    @Test
    void negativeQuotaIsRefused() {
        assertThatThrownBy(() -> MemoryBlobStore.withQuota(-1)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void bitRotInContentIsDetected() throws Exception {
        try (MemoryBlobStore store = MemoryBlobStore.create()) {
            String digest = store.putContent(new byte[] {1, 2, 3, 4}).join();
            store.corruptContent(digest);
            try (InputStream in = store.getContent(digest).join()) {
                assertThatThrownBy(in::readAllBytes).isInstanceOf(ChecksumMismatchException.class).hasMessageContaining(digest);
            }
        }
    }

    @Test
    void closeFreesEverything() {
        MemoryBlobStore store = MemoryBlobStore.create();
        store.put("a", new byte[1000]).join();
        store.putContent(new byte[1000]).join();
        store.close();
        assertThat(store.usedBytes()).isZero();
        assertThat(store.isOpen()).isFalse();
    }
}
