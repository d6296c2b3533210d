package dev.oxistore.compress.internal.zstd;

/** Constants of the Zstandard format (RFC 8878) shared by the decoder and the compressor. */
final class Zstd {

    static final int MAGIC = 0xFD2FB528;
    static final int SKIPPABLE_MAGIC = 0x184D2A50;
    static final int SKIPPABLE_MASK = 0xFFFFFFF0;
    static final int BLOCK_MAX = 128 * 1024;
    static final int MIN_WINDOW_LOG = 10;
    static final int MAX_WINDOW_LOG = 31;

    static final int RAW_BLOCK = 0;
    static final int RLE_BLOCK = 1;
    static final int COMPRESSED_BLOCK = 2;

    static final int LITERALS_RAW = 0;
    static final int LITERALS_RLE = 1;
    static final int LITERALS_COMPRESSED = 2;
    static final int LITERALS_TREELESS = 3;

    static final int MODE_PREDEFINED = 0;
    static final int MODE_RLE = 1;
    static final int MODE_COMPRESSED = 2;
    static final int MODE_REPEAT = 3;

    static final int LONG_NB_SEQ = 0x7F00;
    static final int MIN_MATCH = 3;

    static final int MAX_LL = 35;
    static final int MAX_ML = 52;
    static final int MAX_OF = 31;
    static final int LL_MAX_LOG = 9;
    static final int ML_MAX_LOG = 9;
    static final int OF_MAX_LOG = 8;
    static final int HUF_MAX_LOG = 12;
    static final int HUF_WEIGHTS_MAX_LOG = 6;

    static final int[] LL_BASE = {
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096,
        8192, 16384, 32768, 65536};
    static final int[] LL_BITS = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 16};
    static final int[] ML_BASE = {
        3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
        19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
        35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
        4099, 8195, 16387, 32771, 65539};
    static final int[] ML_BITS = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11,
        12, 13, 14, 15, 16};
    /** Offset code n has base 1 << n and n extra bits. */
    static final int[] OF_BASE = new int[MAX_OF + 1];
    static final int[] OF_BITS = new int[MAX_OF + 1];

    static final short[] LL_DEFAULT = {
        4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
        -1, -1, -1, -1};
    static final int LL_DEFAULT_LOG = 6;
    static final short[] ML_DEFAULT = {
        1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1,
        -1, -1, -1, -1, -1};
    static final int ML_DEFAULT_LOG = 6;
    static final short[] OF_DEFAULT = {
        1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1};
    static final int OF_DEFAULT_LOG = 5;

    static {
        for (int i = 0; i <= MAX_OF; i++) {
            OF_BASE[i] = 1 << i; // code 31 wraps to Integer.MIN_VALUE; read as unsigned
            OF_BITS[i] = i;
        }
    }

    private Zstd() {
    }

    /** Index of the highest set bit of a positive value. */
    static int highBit(int v) {
        return 31 - Integer.numberOfLeadingZeros(v);
    }
}
