package dev.oxistore.bench.driver;

import dev.oxistore.OxiStore;
import dev.oxistore.kv.EngineKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every store the runner knows, by name: our engines ({@code memory}, {@code btree}, and
 * {@code lsm}/{@code hlog} once their modules are on the class path) and the peers. A peer's class
 * is loaded only when it is chosen, so a run without native peers never touches native code.
 */
public final class Peers {

    private static final Map<String, Supplier<Peer>> PEERS = new LinkedHashMap<>();

    static {
        PEERS.put("mvstore", MvStorePeer::new);
        PEERS.put("rocksdb", RocksDbPeer::new);
        PEERS.put("lmdb", LmdbPeer::new);
        PEERS.put("xodus", XodusPeer::new);
        PEERS.put("je", JePeer::new);
        PEERS.put("leveldb", LevelDbPeer::new);
        PEERS.put("chronicle", ChroniclePeer::new);
        PEERS.put("chm", HashMapPeer::new);
    }

    private Peers() {
    }

    /** Our engines whose modules are present, in {@link EngineKind} order. */
    public static List<String> engines() {
        List<String> names = new ArrayList<>();
        for (EngineKind k : EngineKind.values()) {
            if (OxiStore.availableEngines().contains(k)) {
                names.add(k.name().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** Every name {@link #byName} accepts: our engines, then the peers. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(engines());
        all.addAll(PEERS.keySet());
        return all;
    }

    /**
     * The store called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, or an engine whose module is absent
     */
    public static Peer byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Supplier<Peer> p = PEERS.get(n);
        if (p != null) {
            return p.get();
        }
        for (EngineKind k : EngineKind.values()) {
            if (k.name().equalsIgnoreCase(n)) {
                if (!OxiStore.availableEngines().contains(k)) {
                    throw new IllegalArgumentException("engine " + n + " is not on the class path: add dev.oxistore:"
                            + k.artifactId() + " to oxistore-bench/pom.xml");
                }
                return new OxiStorePeer(k);
            }
        }
        throw new IllegalArgumentException("unknown store '" + name + "': use one of " + names());
    }
}
