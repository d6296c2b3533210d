package dev.oxistore.compress.internal.zstd;

import dev.oxistore.compress.CodecArgumentException;
import dev.oxistore.compress.CompressionException;
import dev.oxistore.compress.internal.Bits;

/**
 * A Zstandard dictionary (RFC 8878 section 5), parsed once and shared read-only by every call.
 *
 * <pre>
 * formatted   = magic 0xEC30A437 (LE32), dictionary id (LE32),
 *               Huffman tree description, FSE table descriptions for offsets, match lengths and
 *               literal lengths (in that order), three repeat offsets (LE32 each), content
 * raw content = any other bytes: all content, id 0, no tables, repeat offsets 1, 4, 8
 * </pre>
 *
 * <p>A frame decoded with a dictionary starts from its repeat offsets and entropy tables (which
 * treeless literals and repeat-mode sequence tables then use) and may copy matches from the end of
 * its content, as if the content preceded the frame's output.
 */
final class ZstdDictionary {

    static final int MAGIC = 0xEC30A437;

    final long id;
    final byte[] content;
    final int rep1;
    final int rep2;
    final int rep3;
    /** Entropy tables of a formatted dictionary; null for raw content. */
    final int[] huffmanTable;
    final int huffmanLog;
    final long[] offsetTable;
    final int offsetLog;
    final long[] matchTable;
    final int matchLog;
    final long[] literalTable;
    final int literalLog;

    private ZstdDictionary(long id, byte[] content, int[] reps, Huffman huffman, long[][] tables, int[] logs) {
        this.id = id;
        this.content = content;
        this.rep1 = reps[0];
        this.rep2 = reps[1];
        this.rep3 = reps[2];
        this.huffmanTable = huffman == null ? null : huffman.table;
        this.huffmanLog = huffman == null ? 0 : huffman.log;
        this.offsetTable = tables == null ? null : tables[0];
        this.matchTable = tables == null ? null : tables[1];
        this.literalTable = tables == null ? null : tables[2];
        this.offsetLog = logs == null ? 0 : logs[0];
        this.matchLog = logs == null ? 0 : logs[1];
        this.literalLog = logs == null ? 0 : logs[2];
    }

    boolean hasTables() {
        return huffmanTable != null;
    }

    /**
     * Parses {@code dict}: a formatted dictionary when it starts with the magic number, else raw
     * content.
     *
     * @throws CodecArgumentException if a formatted dictionary is malformed
     */
    static ZstdDictionary parse(String codec, byte[] dict) {
        if (dict.length < 8 || Bits.getInt(dict, 0) != MAGIC) {
            return new ZstdDictionary(0, dict.clone(), new int[] {1, 4, 8}, null, null, null);
        }
        try {
            long id = Bits.getInt(dict, 4) & 0xFFFFFFFFL;
            int end = dict.length;
            Huffman huffman = new Huffman();
            int p = huffman.readTable(codec, dict, 8, end);
            Fse.Counts counts = new Fse.Counts();
            long[][] tables = new long[3][];
            int[] logs = new int[3];
            int[] max = {Zstd.MAX_OF, Zstd.MAX_ML, Zstd.MAX_LL};
            int[] maxLog = {Zstd.OF_MAX_LOG, Zstd.ML_MAX_LOG, Zstd.LL_MAX_LOG};
            int[][] base = {Zstd.OF_BASE, Zstd.ML_BASE, Zstd.LL_BASE};
            int[][] bits = {Zstd.OF_BITS, Zstd.ML_BITS, Zstd.LL_BITS};
            for (int k = 0; k < 3; k++) {
                p = Fse.readCounts(codec, dict, p, end, counts, max[k], maxLog[k]);
                tables[k] = new long[1 << counts.log];
                Fse.build(codec, tables[k], counts, base[k], bits[k]);
                logs[k] = counts.log;
            }
            if (end - p < 12) {
                throw new CodecArgumentException(codec, "not a valid Zstandard dictionary: truncated repeat offsets");
            }
            byte[] content = java.util.Arrays.copyOfRange(dict, p + 12, end);
            int[] reps = new int[3];
            for (int k = 0; k < 3; k++) {
                reps[k] = Bits.getInt(dict, p + 4 * k);
                if (reps[k] <= 0 || reps[k] > content.length) {
                    throw new CodecArgumentException(codec, "not a valid Zstandard dictionary: repeat offset "
                            + Integer.toUnsignedString(reps[k]) + " outside its " + content.length + "-byte content");
                }
            }
            return new ZstdDictionary(id, content, reps, huffman, tables, logs);
        } catch (CodecArgumentException e) {
            throw e;
        } catch (CompressionException | IndexOutOfBoundsException e) {
            throw new CodecArgumentException(codec, "not a valid Zstandard dictionary: " + e.getMessage());
        }
    }
}
