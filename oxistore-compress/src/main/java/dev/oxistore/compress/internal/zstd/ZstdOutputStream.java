package dev.oxistore.compress.internal.zstd;

import dev.oxistore.compress.internal.Bits;
import dev.oxistore.compress.internal.EncodingOutputStream;
import dev.oxistore.compress.internal.XxHash64;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Streaming Zstandard compression: one frame without a content size, a 1 MiB window and a content
 * checksum. Each buffered 128 KiB (or each flush) becomes one block; matches reach back into the
 * last megabyte (starting with the dictionary's content, if any), and the history restarts each
 * time it fills.
 */
final class ZstdOutputStream extends EncodingOutputStream {

    static final int WINDOW_LOG = 20;

    private final ZstdCompressor compressor = new ZstdCompressor();
    private final ZstdDictionary dictionary;
    private final byte[] history;
    private final byte[] block = new byte[Zstd.BLOCK_MAX + 64];
    private final XxHash64 hash = new XxHash64(0);
    private int filled;

    ZstdOutputStream(String codec, OutputStream out, ZstdDictionary dictionary) {
        super(codec, out, Zstd.BLOCK_MAX);
        this.dictionary = dictionary;
        int dict = dictionary == null ? 0 : dictionary.content.length;
        this.history = new byte[Math.max(1 << WINDOW_LOG, dict + 4 * Zstd.BLOCK_MAX)];
    }

    @Override
    protected void writeHeader() throws IOException {
        long id = dictionary == null ? 0 : dictionary.id;
        byte[] h = new byte[10];
        Bits.putInt(h, 0, Zstd.MAGIC);
        h[4] = (byte) (0x04 | (id == 0 ? 0 : 3)); // checksum, 4-byte dictionary id; no content size
        h[5] = (byte) ((WINDOW_LOG - Zstd.MIN_WINDOW_LOG) << 3);
        Bits.putInt(h, 6, (int) id);
        out.write(h, 0, id == 0 ? 6 : 10);
        compressor.startFrame(history.length, dictionary);
        if (dictionary != null) {
            filled = dictionary.content.length;
            System.arraycopy(dictionary.content, 0, history, 0, filled);
            compressor.insertHistory(history, 0, filled);
        }
    }

    @Override
    protected void writeBlock(byte[] b, int off, int len) throws IOException {
        hash.update(b, off, len);
        if (filled + len > history.length) {
            filled = 0;
            compressor.resetTables();
        }
        System.arraycopy(b, off, history, filled, len);
        int n = compressor.writeBlock(history, 0, filled, len, false, history.length, block, 0, block.length);
        filled += len;
        out.write(block, 0, n);
    }

    @Override
    protected void writeTrailer() throws IOException {
        byte[] t = new byte[7];
        Bits.put24(t, 0, 1); // an empty raw block that is the last
        Bits.putInt(t, 3, (int) hash.digest());
        out.write(t);
    }
}
