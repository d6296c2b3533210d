package dev.oxistore.kv.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.StoreClosedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OverlayCursorTest {

    private static final String KS = "default";
    private static final long NOW = 1_000;

    private final Lifecycle owner = Lifecycle.root("closed", false);

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    private static List<String> render(KvCursor c) {
        List<String> out = new ArrayList<>();
        try (c) {
            while (c.hasNext()) {
                KvEntry e = c.next();
                out.add(Bytes.utf8(e.key()) + "=" + Bytes.utf8(e.value()));
            }
        }
        return out;
    }

    private static TreeMap<byte[], byte[]> base(String... kv) {
        TreeMap<byte[], byte[]> m = new TreeMap<>(Bytes.ORDER);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(b(kv[i]), b(kv[i + 1]));
        }
        return m;
    }

    private KvCursor overlay(TreeMap<byte[], byte[]> base, TxnWriteSet ws, KeyRange range) {
        return new OverlayCursor(ListCursor.of(base, range), ws, KS, range, NOW, owner);
    }

    @Test
    void putsReplaceAndAddAndDeletesHideInBothDirections() {
        TreeMap<byte[], byte[]> base = base("a", "1", "c", "3", "e", "5", "g", "7");
        TxnWriteSet ws = new TxnWriteSet();
        ws.put(KS, b("0"), b("new0"), Expiry.NEVER);   // before every base key
        ws.put(KS, b("c"), b("new3"), Expiry.NEVER);   // replaces
        ws.delete(KS, b("e"));                         // hides
        ws.delete(KS, b("f"));                         // delete of an absent key: nothing
        ws.put(KS, b("z"), b("new26"), Expiry.NEVER);  // after every base key

        assertThat(render(overlay(base, ws, KeyRange.all())))
                .containsExactly("0=new0", "a=1", "c=new3", "g=7", "z=new26");
        assertThat(render(overlay(base, ws, KeyRange.all().reversed())))
                .containsExactly("z=new26", "g=7", "c=new3", "a=1", "0=new0");
        assertThat(render(overlay(base, ws, KeyRange.between(b("b"), b("g")))))
                .containsExactly("c=new3");
        assertThat(render(overlay(base, ws, KeyRange.between(b("b"), b("h")).reversed())))
                .containsExactly("g=7", "c=new3");
    }

    @Test
    void anExpiredBufferedPutHidesTheBaseEntry() {
        TreeMap<byte[], byte[]> base = base("a", "1", "b", "2");
        TxnWriteSet ws = new TxnWriteSet();
        ws.put(KS, b("a"), b("short"), NOW);        // expires exactly now
        ws.put(KS, b("b"), b("long"), NOW + 1);
        assertThat(render(overlay(base, ws, KeyRange.all()))).containsExactly("b=long");
    }

    @Test
    void writesMadeWhileTheCursorIsOpenAreNotSeenByIt() {
        TreeMap<byte[], byte[]> base = base("a", "1", "b", "2", "c", "3");
        TxnWriteSet ws = new TxnWriteSet();
        ws.put(KS, b("b"), b("mine"), Expiry.NEVER);
        List<String> seen = new ArrayList<>();
        try (KvCursor c = overlay(base, ws, KeyRange.all())) {
            while (c.hasNext()) {
                KvEntry e = c.next();
                seen.add(Bytes.utf8(e.key()) + "=" + Bytes.utf8(e.value()));
                // the classic "update everything I scan" loop, plus inserts ahead of the cursor
                ws.put(KS, e.key(), b("updated"), Expiry.NEVER);
                ws.put(KS, b("bb"), b("inserted"), Expiry.NEVER);
                ws.delete(KS, b("c"));
            }
        }
        assertThat(seen).containsExactly("a=1", "b=mine", "c=3");
        assertThat(render(overlay(base, ws, KeyRange.all()))).containsExactly("a=updated", "b=updated", "bb=inserted");
    }

    @Test
    void closingClosesTheBaseAndLaterUseFails() {
        ListCursor base = ListCursor.of(base("a", "1"), KeyRange.all());
        TxnWriteSet ws = new TxnWriteSet();
        OverlayCursor c = new OverlayCursor(base, ws, KS, KeyRange.all(), NOW, owner);
        c.close();
        c.close();
        assertThat(base.closed).isTrue();
        assertThatThrownBy(c::hasNext).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(c::next).isInstanceOf(StoreClosedException.class);
    }

    @Test
    void closingTheOwnerFailsTheCursor() {
        Lifecycle txn = owner.child("the transaction was committed");
        TxnWriteSet ws = new TxnWriteSet();
        OverlayCursor c = new OverlayCursor(ListCursor.of(base("a", "1"), KeyRange.all()), ws, KS, KeyRange.all(), NOW, txn);
        txn.close();
        assertThatThrownBy(c::hasNext).isInstanceOf(StoreClosedException.class).hasMessageContaining("committed");
    }

    @Test
    void mergedScansMatchAModelForRandomBasesWritesAndRanges() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        int rounds = 300 * Integer.getInteger("oxistore.soak", 1);
        try {
            for (int round = 0; round < rounds; round++) {
                TreeMap<byte[], byte[]> base = new TreeMap<>(Bytes.ORDER);
                TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.ORDER);
                for (int i = rnd.nextInt(12); i > 0; i--) {
                    byte[] k = {(byte) rnd.nextInt(20)};
                    byte[] v = {(byte) rnd.nextInt(256)};
                    base.put(k, v);
                    model.put(k, v);
                }
                TxnWriteSet ws = new TxnWriteSet();
                for (int i = rnd.nextInt(12); i > 0; i--) {
                    byte[] k = {(byte) rnd.nextInt(20)};
                    if (rnd.nextInt(3) == 0) {
                        ws.delete(KS, k);
                        model.remove(k);
                    } else {
                        byte[] v = {(byte) rnd.nextInt(256)};
                        ws.put(KS, k, v, Expiry.NEVER);
                        model.put(k, v);
                    }
                }
                int lo = rnd.nextInt(21);
                int hi = lo + rnd.nextInt(21 - lo + 1);
                KeyRange range = switch (rnd.nextInt(4)) {
                    case 0 -> KeyRange.all();
                    case 1 -> KeyRange.between(new byte[]{(byte) lo}, new byte[]{(byte) hi});
                    case 2 -> KeyRange.atLeast(new byte[]{(byte) lo});
                    default -> KeyRange.lessThan(new byte[]{(byte) hi});
                };
                if (rnd.nextBoolean()) {
                    range = range.reversed();
                }
                List<String> expected = new ArrayList<>();
                for (Map.Entry<byte[], byte[]> e : RangeViews.slice(model, range).entrySet()) {
                    expected.add(Bytes.hex(e.getKey()) + "=" + Bytes.hex(e.getValue()));
                }
                List<String> actual = new ArrayList<>();
                try (KvCursor c = overlay(base, ws, range)) {
                    c.forEachRemaining(e -> actual.add(Bytes.hex(e.key()) + "=" + Bytes.hex(e.value())));
                }
                assertThat(actual).as("round %d, range %s", round, range).isEqualTo(expected);
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }
}
