package dev.oxistore.compress.internal.zstd;

import dev.oxistore.compress.UnsupportedFeatureException;
import dev.oxistore.compress.internal.Bits;
import dev.oxistore.compress.internal.DecodingInputStream;
import dev.oxistore.compress.internal.XxHash64;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streaming Zstandard decoding: one block at a time into a window buffer that keeps the frame's
 * history (at least the window size) behind the block being decoded. The buffer grows with the
 * output up to twice the window (at least 512 KiB past it) and then slides; windows larger than
 * 128 MiB are refused rather than allocated.
 */
final class ZstdInputStream extends DecodingInputStream {

    static final long MAX_WINDOW = 1L << 27;

    private final ZstdDecoder decoder;
    private final byte[] dictionary;
    private final byte[] header = new byte[FrameHeader.MAX_SIZE];
    private final byte[] input = new byte[Zstd.BLOCK_MAX];
    private final XxHash64 hash = new XxHash64(0);
    private FrameHeader frame;
    private boolean lastBlockDone;
    private int windowSize;
    private int capacity;
    private int written;
    private long produced;
    private boolean sawFrame;

    ZstdInputStream(String codec, InputStream in, ZstdDictionary dictionary) {
        super(codec, in);
        this.decoder = new ZstdDecoder(codec, dictionary);
        this.dictionary = dictionary == null ? new byte[0] : dictionary.content;
    }

    @Override
    protected boolean refill() throws IOException {
        while (true) {
            if (frame == null) {
                if (!startFrame()) {
                    return false;
                }
                continue;
            }
            if (lastBlockDone) {
                endFrame();
                continue;
            }
            readFully(header, 0, 3, "a Zstandard block header");
            int bh = Bits.get24(header, 0);
            int type = (bh >>> 1) & 3;
            int size = bh >>> 3;
            int blockMax = decoder.blockMax();
            if (size > blockMax) {
                throw corrupt("Zstandard block of " + size + " bytes exceeds the frame's maximum of " + blockMax);
            }
            if (type == 3) {
                throw corrupt("reserved Zstandard block type");
            }
            ensureRoom(blockMax);
            int start = written;
            long left = frame.contentSize() >= 0 ? frame.contentSize() - produced : Long.MAX_VALUE;
            int blockLimit = start + (int) Math.min(blockMax, left);
            int n;
            switch (type) {
                case Zstd.RAW_BLOCK -> {
                    if (size > blockLimit - start) {
                        throw corrupt("Zstandard frame holds more than the " + frame.contentSize() + " bytes it declares");
                    }
                    readFully(window, start, size, "a Zstandard raw block");
                    n = size;
                }
                case Zstd.RLE_BLOCK -> {
                    readFully(header, 0, 1, "a Zstandard RLE block");
                    if (size > blockLimit - start) {
                        throw corrupt("Zstandard frame holds more than the " + frame.contentSize() + " bytes it declares");
                    }
                    java.util.Arrays.fill(window, start, start + size, header[0]);
                    n = size;
                }
                default -> {
                    readFully(input, 0, size, "a Zstandard compressed block");
                    decoder.limits(false, 0);
                    n = decoder.decodeBlock(input, 0, size, window, 0, start, blockLimit, window.length) - start;
                }
            }
            lastBlockDone = (bh & 1) != 0;
            hash.update(window, start, n);
            produced += n;
            written = start + n;
            pos = start;
            limit = written;
            if (n > 0) {
                return true;
            }
        }
    }

    /** Makes room for one block after the retained history, growing or sliding the buffer. */
    private void ensureRoom(int need) {
        if (written + need <= window.length) {
            return;
        }
        if (window.length < capacity) {
            int size = (int) Math.min(capacity, Math.max(window.length * 2L, (long) written + need));
            byte[] w = new byte[size];
            System.arraycopy(window, 0, w, 0, written);
            window = w;
            return;
        }
        int keep = Math.min(written, windowSize);
        System.arraycopy(window, written - keep, window, 0, keep);
        written = keep;
    }

    private boolean startFrame() throws IOException {
        int got = readSome(header, 0, 4);
        if (got == 0) {
            if (!sawFrame) {
                throw corrupt("empty input: a Zstandard frame holds at least a header");
            }
            return false;
        }
        sawFrame = true;
        if (got < 4) {
            throw truncated("a Zstandard magic number");
        }
        int magic = Bits.getInt(header, 0);
        if ((magic & Zstd.SKIPPABLE_MASK) == Zstd.SKIPPABLE_MAGIC) {
            readFully(header, 0, 4, "a skippable frame header");
            skipFully(Bits.getInt(header, 0) & 0xFFFFFFFFL, "a skippable frame");
            return true;
        }
        if (magic != Zstd.MAGIC) {
            throw ZstdDecoder.unknownMagic(codec, magic);
        }
        readFully(header, 0, 1, "a Zstandard frame header");
        int size = FrameHeader.sizeOf(header[0] & 0xFF);
        readFully(header, 1, size - 1, "a Zstandard frame header");
        FrameHeader h = FrameHeader.parse(codec, header, 0, size);
        decoder.startFrame(h);
        decoder.dictionaryOutside(false);
        long w = h.windowSize();
        if (w > MAX_WINDOW) {
            throw new UnsupportedFeatureException(codec, "the Zstandard frame needs a " + w
                    + "-byte window, more than the stream decoder's limit of " + MAX_WINDOW
                    + "; decompress it in one call into an array instead");
        }
        windowSize = (int) w;
        // The dictionary's content sits in front of the output as history that matches may reach.
        int dict = dictionary.length;
        capacity = (int) Math.min(Integer.MAX_VALUE - 16, (long) dict + windowSize + Math.max(windowSize, 4 * Zstd.BLOCK_MAX));
        int initial = Math.min(capacity, dict + 256 * 1024);
        if (window.length < initial) {
            window = new byte[initial];
        }
        System.arraycopy(dictionary, 0, window, 0, dict);
        written = dict;
        produced = 0;
        lastBlockDone = false;
        hash.reset();
        frame = h;
        return true;
    }

    private void endFrame() throws IOException {
        if (frame.checksum()) {
            readFully(header, 0, 4, "a Zstandard content checksum");
            if ((int) hash.digest() != Bits.getInt(header, 0)) {
                throw corrupt("Zstandard content checksum mismatch");
            }
        }
        if (frame.contentSize() >= 0 && produced != frame.contentSize()) {
            throw corrupt("Zstandard frame declares " + frame.contentSize() + " bytes but holds " + produced);
        }
        frame = null;
    }
}
