package dev.oxistore.kv.spi;

import dev.oxistore.kv.KeyRange;
import java.util.Collections;
import java.util.NavigableMap;

/** Turns a {@link KeyRange} into a lazy view of a sorted map, for engines keyed by {@code byte[]}. */
public final class RangeViews {

    private RangeViews() {
    }

    /**
     * The entries of {@code map} in {@code range}, in the range's direction, as a live view (no
     * copying). {@code map} must be ordered by {@link dev.oxistore.kv.Bytes#ORDER}.
     */
    public static <V> NavigableMap<byte[], V> slice(NavigableMap<byte[], V> map, KeyRange range) {
        if (range.isEmpty()) {
            return Collections.emptyNavigableMap();
        }
        byte[] from = range.from();
        byte[] to = range.to();
        NavigableMap<byte[], V> view;
        if (from != null && to != null) {
            view = map.subMap(from, true, to, false);
        } else if (from != null) {
            view = map.tailMap(from, true);
        } else if (to != null) {
            view = map.headMap(to, false);
        } else {
            view = map;
        }
        return range.isReverse() ? view.descendingMap() : view;
    }
}
