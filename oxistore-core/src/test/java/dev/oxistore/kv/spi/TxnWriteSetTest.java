package dev.oxistore.kv.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.MergeOperator;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.UnsupportedFeatureException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxnWriteSetTest {

    private static final long NOW = 5_000;

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    private static byte[] i64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private final StoreConfig counting = StoreConfig.builder().mergeOperator(MergeOperator.int64Add()).build();

    @Test
    void theLatestWriteOfAKeyWinsAndSizeCountsDistinctKeys() {
        TxnWriteSet ws = new TxnWriteSet();
        ws.put("a", b("k"), b("1"), Expiry.NEVER);
        ws.delete("a", b("k"));
        ws.put("a", b("k"), b("2"), 77);
        ws.put("b", b("k"), b("3"), Expiry.NEVER);
        assertThat(ws.size()).isEqualTo(2);
        assertThat(ws.get("a", b("k")).value()).isEqualTo(b("2"));
        assertThat(ws.get("a", b("k")).expiresAt()).isEqualTo(77);
        assertThat(ws.get("c", b("k"))).isNull();
        assertThat(ws.keyspaces()).containsExactly("a", "b");
        ws.clear();
        assertThat(ws.isEmpty()).isTrue();
        assertThat(ws.hasWrites("a")).isFalse();
    }

    @Test
    void forEachVisitsKeyspacesByNameAndKeysInUnsignedOrder() {
        TxnWriteSet ws = new TxnWriteSet();
        ws.put("z", new byte[]{1}, b("v"), Expiry.NEVER);
        ws.put("a", new byte[]{(byte) 0x80}, b("v"), Expiry.NEVER);
        ws.delete("a", new byte[]{0x7F});
        List<String> order = new ArrayList<>();
        ws.forEach((ks, key, w) -> order.add(ks + ":" + Bytes.hex(key) + (w.isDelete() ? "-" : "+")));
        assertThat(order).containsExactly("a:7f-", "a:80+", "z:01+");
    }

    @Test
    void lookupReadsOwnWritesOverTheBase() {
        MapView base = new MapView();
        base.space("ks").put(b("x"), b("base-x"));
        base.space("ks").put(b("y"), b("base-y"));
        TxnWriteSet ws = new TxnWriteSet();
        ws.delete("ks", b("x"));
        ws.put("ks", b("z"), b("mine"), Expiry.NEVER);
        ws.put("ks", b("old"), b("expired"), NOW);
        assertThat(ws.lookup("ks", b("x"), base, NOW)).isNull();
        assertThat(ws.lookup("ks", b("y"), base, NOW).value()).isEqualTo(b("base-y"));
        assertThat(ws.lookup("ks", b("z"), base, NOW).value()).isEqualTo(b("mine"));
        assertThat(ws.lookup("ks", b("old"), base, NOW)).isNull();
        assertThat(ws.lookup("ks", b("old"), base, NOW - 1).value()).isEqualTo(b("expired"));
    }

    @Test
    void countDeltaCountsKeysMadeLiveAndRemoved() {
        MapView base = new MapView();
        base.space("ks").put(b("a"), b("1"));
        base.space("ks").put(b("b"), b("2"));
        TxnWriteSet ws = new TxnWriteSet();
        ws.put("ks", b("a"), b("overwrite"), Expiry.NEVER); // 0
        ws.delete("ks", b("b"));                           // -1
        ws.delete("ks", b("c"));                           // 0: was absent
        ws.put("ks", b("d"), b("new"), Expiry.NEVER);      // +1
        ws.put("ks", b("e"), b("new"), Expiry.NEVER);      // +1
        ws.put("ks", b("f"), b("gone"), NOW);              // 0: expired at NOW
        assertThat(ws.countDelta("ks", base, NOW)).isEqualTo(1);
        assertThat(ws.countDelta("other", base, NOW)).isZero();
    }

    @Test
    void mergesSeeEarlierWritesAndTheBaseAndKeepTheExpiry() {
        MapView base = new MapView();
        base.space("ks").put(b("n"), i64(10));
        TxnWriteSet ws = new TxnWriteSet();
        ws.merge("ks", b("n"), i64(5), counting, base, NOW);
        ws.merge("ks", b("n"), i64(1), counting, base, NOW);
        assertThat(ws.get("ks", b("n")).value()).isEqualTo(i64(16));

        ws.put("ks", b("t"), i64(1), NOW + 100);
        ws.merge("ks", b("t"), i64(1), counting, base, NOW);
        assertThat(ws.get("ks", b("t")).value()).isEqualTo(i64(2));
        assertThat(ws.get("ks", b("t")).expiresAt()).isEqualTo(NOW + 100);

        ws.delete("ks", b("d"));
        ws.merge("ks", b("d"), i64(3), counting, base, NOW);
        assertThat(ws.get("ks", b("d")).value()).isEqualTo(i64(3));
        assertThat(ws.get("ks", b("d")).expiresAt()).isEqualTo(Expiry.NEVER);
    }

    @Test
    void aFailingMergeBuffersNothing() {
        MapView base = new MapView();
        TxnWriteSet ws = new TxnWriteSet();
        ws.put("ks", b("n"), b("not a counter"), Expiry.NEVER);
        assertThatThrownBy(() -> ws.merge("ks", b("n"), i64(1), counting, base, NOW))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(ws.get("ks", b("n")).value()).isEqualTo(b("not a counter"));
        assertThatThrownBy(() -> ws.merge("ks", b("m"), i64(1), StoreConfig.defaults(), base, NOW))
                .isInstanceOf(UnsupportedFeatureException.class);
        assertThat(ws.get("ks", b("m"))).isNull();
    }
}
