package dev.oxistore.kv.lsm;

import dev.oxistore.kv.lsm.format.InternalKey;
import dev.oxistore.kv.lsm.sst.Block;
import dev.oxistore.kv.lsm.sst.BlockCursor;
import dev.oxistore.kv.lsm.sst.TableReader;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;

/**
 * A one-directional iterator over internal keys: forward sources visit keys ascending from the
 * first key {@code >= target}, reverse sources visit them descending from the last key
 * {@code < target}. Cursors go one way only, so no source ever turns around.
 */
interface Source {

    boolean valid();

    byte[] key();

    byte[] value();

    /** Positions at the first key {@code >= target} (forward) or the last key {@code < target} (reverse). */
    void seek(byte[] target);

    void advance();

    /** A memtable's entries. */
    final class Mem implements Source {
        private final NavigableMap<byte[], byte[]> map;
        private final boolean reverse;
        private Iterator<Map.Entry<byte[], byte[]>> it;
        private Map.Entry<byte[], byte[]> current;

        Mem(NavigableMap<byte[], byte[]> map, boolean reverse) {
            this.map = map;
            this.reverse = reverse;
        }

        @Override
        public boolean valid() {
            return current != null;
        }

        @Override
        public byte[] key() {
            return current.getKey();
        }

        @Override
        public byte[] value() {
            return current.getValue();
        }

        @Override
        public void seek(byte[] target) {
            it = (reverse ? map.headMap(target, false).descendingMap() : map.tailMap(target, true)).entrySet().iterator();
            advance();
        }

        @Override
        public void advance() {
            current = it.hasNext() ? it.next() : null;
        }
    }

    /** A table's entries in the given direction. */
    static TableSource table(TableReader table, boolean reverse) {
        return reverse ? new Table(table, true) : new ForwardTable(table);
    }

    /** A table's source, which a level source can also start at the table's first (or last) entry. */
    sealed interface TableSource extends Source permits Table, ForwardTable {
        /** Positions at the first (forward) or last (reverse) entry. */
        void seekToEdge();
    }

    /** One table's entries ascending, decoding only the entries passed ({@link BlockCursor}). */
    final class ForwardTable implements TableSource {
        private final TableReader table;
        private int blockIndex;
        private BlockCursor cursor;

        ForwardTable(TableReader table) {
            this.table = table;
        }

        @Override
        public boolean valid() {
            return cursor != null && cursor.valid();
        }

        @Override
        public byte[] key() {
            return cursor.key();
        }

        @Override
        public byte[] value() {
            return cursor.value();
        }

        @Override
        public void seek(byte[] target) {
            int b = table.findBlock(target);
            if (b >= table.blockCount()) {
                cursor = null;
                return;
            }
            blockIndex = b;
            cursor = table.cursor(b);
            cursor.seek(target);
            settle();
        }

        @Override
        public void seekToEdge() {
            if (table.blockCount() == 0) {
                cursor = null;
                return;
            }
            blockIndex = 0;
            cursor = table.cursor(0);
            cursor.seekToFirst();
            settle();
        }

        private void settle() {
            while (cursor != null && !cursor.valid()) {
                blockIndex++;
                if (blockIndex >= table.blockCount()) {
                    cursor = null;
                    return;
                }
                cursor = table.cursor(blockIndex);
                cursor.seekToFirst();
            }
        }

        @Override
        public void advance() {
            cursor.advance();
            settle();
        }
    }

    /** One table's entries, a decoded block at a time (descending scans). */
    final class Table implements TableSource {
        private final TableReader table;
        private final boolean reverse;
        private int blockIndex = -1;
        private Block block;
        private int index;

        Table(TableReader table, boolean reverse) {
            this.table = table;
            this.reverse = reverse;
        }

        @Override
        public boolean valid() {
            return block != null;
        }

        @Override
        public byte[] key() {
            return block.keys[index];
        }

        @Override
        public byte[] value() {
            return block.values[index];
        }

        @Override
        public void seek(byte[] target) {
            int b = table.findBlock(target);
            if (!reverse) {
                if (b >= table.blockCount()) {
                    block = null;
                    return;
                }
                load(b);
                index = block.lowerBound(target);
                settle();
            } else {
                if (b >= table.blockCount()) {
                    b = table.blockCount() - 1;
                    if (b < 0) {
                        block = null;
                        return;
                    }
                    load(b);
                    index = block.size() - 1;
                } else {
                    load(b);
                    index = block.lowerBound(target) - 1;
                }
                settle();
            }
        }

        @Override
        public void seekToEdge() {
            if (table.blockCount() == 0) {
                block = null;
                return;
            }
            load(reverse ? table.blockCount() - 1 : 0);
            index = reverse ? block.size() - 1 : 0;
            settle();
        }

        private void load(int b) {
            blockIndex = b;
            block = table.block(b);
        }

        /** Moves to a neighbouring block while the index fell off the current one. */
        private void settle() {
            while (block != null && (index < 0 || index >= block.size())) {
                int next = reverse ? blockIndex - 1 : blockIndex + 1;
                if (next < 0 || next >= table.blockCount()) {
                    block = null;
                    return;
                }
                load(next);
                index = reverse ? block.size() - 1 : 0;
            }
        }

        @Override
        public void advance() {
            index += reverse ? -1 : 1;
            settle();
        }
    }

    /** A sorted level: its tables one after the other, opening each only when reached. */
    final class Level implements Source {
        private final List<TableReader> tables;
        private final boolean reverse;
        private int tableIndex;
        private TableSource current;

        Level(List<TableReader> tables, boolean reverse) {
            this.tables = tables;
            this.reverse = reverse;
        }

        @Override
        public boolean valid() {
            return current != null && current.valid();
        }

        @Override
        public byte[] key() {
            return current.key();
        }

        @Override
        public byte[] value() {
            return current.value();
        }

        @Override
        public void seek(byte[] target) {
            int i;
            if (!reverse) {
                i = 0;
                while (i < tables.size() && InternalKey.compare(tables.get(i).meta.largest(), target) < 0) {
                    i++;
                }
            } else {
                i = tables.size() - 1;
                while (i >= 0 && InternalKey.compare(tables.get(i).meta.smallest(), target) >= 0) {
                    i--;
                }
            }
            tableIndex = i;
            if (i < 0 || i >= tables.size()) {
                current = null;
                return;
            }
            current = table(tables.get(i), reverse);
            current.seek(target);
            settle();
        }

        private void settle() {
            while (current != null && !current.valid()) {
                tableIndex += reverse ? -1 : 1;
                if (tableIndex < 0 || tableIndex >= tables.size()) {
                    current = null;
                    return;
                }
                current = table(tables.get(tableIndex), reverse);
                current.seekToEdge();
            }
        }

        @Override
        public void advance() {
            current.advance();
            settle();
        }
    }

    /** Several sources merged into one ordered stream (a heap on their current keys). */
    final class Merging implements Source {
        private final List<Source> children;
        private final PriorityQueue<Source> heap;
        private Source top;

        Merging(List<Source> children, boolean reverse) {
            this.children = children;
            Comparator<Source> order = (a, b) -> InternalKey.compare(a.key(), b.key());
            this.heap = new PriorityQueue<>(Math.max(1, children.size()), reverse ? order.reversed() : order);
        }

        @Override
        public boolean valid() {
            return top != null;
        }

        @Override
        public byte[] key() {
            return top.key();
        }

        @Override
        public byte[] value() {
            return top.value();
        }

        @Override
        public void seek(byte[] target) {
            heap.clear();
            for (Source s : children) {
                s.seek(target);
                if (s.valid()) {
                    heap.add(s);
                }
            }
            top = heap.poll();
        }

        @Override
        public void advance() {
            top.advance();
            if (top.valid()) {
                heap.add(top);
            }
            top = heap.poll();
        }
    }
}
