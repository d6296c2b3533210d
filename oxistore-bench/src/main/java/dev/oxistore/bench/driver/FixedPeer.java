package dev.oxistore.bench.driver;

/** The base of the peers: a name and a {@link Kind}, fixed when it is constructed. */
abstract class FixedPeer implements Peer {

    /** What kind of store a peer is, which decides the workloads that apply to it. */
    enum Kind {
        /** Keys in order, in files of its directory: every workload applies. */
        ORDERED_ON_DISK(true, true),
        /** A hash map in memory: point operations only, nothing written to its directory. */
        HASH_IN_MEMORY(false, false);

        private final boolean ordered;
        private final boolean persistent;

        Kind(boolean ordered, boolean persistent) {
            this.ordered = ordered;
            this.persistent = persistent;
        }
    }

    private final String name;
    private final Kind kind;

    FixedPeer(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean ordered() {
        return kind.ordered;
    }

    @Override
    public final boolean persistent() {
        return kind.persistent;
    }
}
