package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

/** The checksummed page blocks: round trips, and every single-bit flip is caught. */
class CheckedBytesTypeTest {

    private static final CheckedBytesType TYPE = CheckedBytesType.INSTANCE;

    private static byte[][] block(Random r, int n) {
        byte[][] items = new byte[n][];
        for (int i = 0; i < n; i++) {
            items[i] = new byte[r.nextInt(40)];
            r.nextBytes(items[i]);
        }
        return items;
    }

    private static byte[] write(byte[][] items) {
        WriteBuffer buff = new WriteBuffer(16);
        buff.put((byte) 7); // a preceding page header byte, not part of the block
        TYPE.write(buff, items, items.length);
        ByteBuffer bb = buff.getBuffer();
        bb.flip();
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        return out;
    }

    private static byte[][] read(byte[] bytes, int n) {
        ByteBuffer bb = ByteBuffer.wrap(bytes);
        bb.get();
        byte[][] items = TYPE.createStorage(n);
        TYPE.read(bb, items, n);
        assertThat(bb.remaining()).isZero();
        return items;
    }

    /** The block format of format version 1, written entry by entry: what stores already on disk hold. */
    private static byte[] formatV1(byte[][] items) {
        WriteBuffer buff = new WriteBuffer(16);
        buff.put((byte) 7);
        for (byte[] item : items) {
            buff.putVarInt(item.length).put(item);
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(items.length).array());
        ByteBuffer bb = buff.getBuffer();
        crc.update(bb.array(), 1, bb.position() - 1);
        buff.putInt((int) crc.getValue());
        bb = buff.getBuffer();
        bb.flip();
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        return out;
    }

    @Test
    void writesExactlyTheFormatV1Bytes() {
        Random r = new Random(3);
        for (int n : new int[] {0, 1, 5, 300}) {
            byte[][] items = new byte[n][];
            for (int i = 0; i < n; i++) {
                // lengths whose varints take one, two and three bytes
                items[i] = new byte[switch (r.nextInt(3)) { case 0 -> r.nextInt(128); case 1 -> 128 + r.nextInt(20000); default -> 16384 + r.nextInt(300000); }];
                r.nextBytes(items[i]);
            }
            assertThat(write(items)).isEqualTo(formatV1(items));
            assertThat(read(write(items), n)).isDeepEqualTo(items);
        }
    }

    @Test
    void blocksRoundTripIncludingEmptyOnes() {
        Random r = new Random(1);
        for (int n : new int[] {0, 1, 2, 48, 200}) {
            byte[][] items = block(r, n);
            assertThat(read(write(items), n)).isDeepEqualTo(items);
        }
    }

    @Test
    void everySingleBitFlipIsDetected() {
        byte[][] items = block(new Random(2), 12);
        byte[] good = write(items);
        for (int pos = 1; pos < good.length; pos++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[pos] ^= (byte) (1 << bit);
                int at = pos;
                assertThatThrownBy(() -> read(bad, items.length))
                        .as("flip of bit %d at byte %d", bit, at)
                        .isInstanceOf(MVStoreException.class)
                        .satisfies(e -> assertThat(((MVStoreException) e).getErrorCode()).isEqualTo(DataUtils.ERROR_FILE_CORRUPT));
            }
        }
    }

    @Test
    void aWrongEntryCountOrATruncatedBlockIsDetected() {
        byte[][] items = block(new Random(3), 5);
        byte[] good = write(items);
        assertThatThrownBy(() -> read(good, 4)).isInstanceOf(MVStoreException.class);
        assertThatThrownBy(() -> read(good, 6)).isInstanceOf(MVStoreException.class);
        assertThatThrownBy(() -> read(java.util.Arrays.copyOf(good, good.length - 2), 5)).isInstanceOf(MVStoreException.class);
    }

    @Test
    void ordersKeysAsUnsignedBytes() {
        assertThat(TYPE.compare(new byte[] {(byte) 0x80}, new byte[] {0x7F})).isPositive();
        assertThat(TYPE.compare(new byte[] {1}, new byte[] {1, 0})).isNegative();
    }
}
