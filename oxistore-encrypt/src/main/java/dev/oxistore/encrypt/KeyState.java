package dev.oxistore.encrypt;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The key-encryption keys a store can use now and the primary version, as one immutable value
 * swapped atomically on rotation and retirement, so every operation sees one consistent keyring.
 */
record KeyState(SortedMap<Integer, Kek> keks, int primary) {

    KeyState {
        keks = Collections.unmodifiableSortedMap(new TreeMap<>(keks));
    }

    Kek primaryKek() {
        return keks.get(primary);
    }

    /** The key of {@code version}, or null. */
    Kek kek(int version) {
        return keks.get(version);
    }

    KeyState withPrimary(Kek kek) {
        TreeMap<Integer, Kek> next = new TreeMap<>(keks);
        next.put(kek.version(), kek);
        return new KeyState(next, kek.version());
    }

    KeyState without(int version) {
        TreeMap<Integer, Kek> next = new TreeMap<>(keks);
        next.remove(version);
        return new KeyState(next, primary);
    }
}
