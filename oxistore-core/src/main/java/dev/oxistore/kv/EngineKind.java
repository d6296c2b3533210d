package dev.oxistore.kv;

import java.util.Locale;

/** The key-value engines OxiStore knows, each shipped in its own Maven artifact. */
public enum EngineKind {
    /** Multi-version in-memory engine; nothing survives {@code close()}. In {@code oxistore-core}. */
    MEMORY("oxistore-core"),
    /** B-tree on H2 MVStore: single file, ACID, MVCC; the default durable engine. */
    BTREE("oxistore-kv-btree"),
    /** Log-structured merge tree for write-heavy work. */
    LSM("oxistore-kv-lsm"),
    /** FASTER-style hash index over a hybrid log, for point operations at high rates. */
    HLOG("oxistore-kv-hlog");

    private final String artifactId;

    EngineKind(String artifactId) {
        this.artifactId = artifactId;
    }

    /** The Maven artifact (group {@code dev.oxistore}) that provides this engine. */
    public String artifactId() {
        return artifactId;
    }

    /**
     * Parses a kind case-insensitively ({@code "btree"}, {@code "LSM"}).
     *
     * @throws InvalidArgumentException naming the known kinds when {@code name} is not one
     */
    public static EngineKind parse(String name) {
        if (name != null) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // fall through to the descriptive error
            }
        }
        throw new InvalidArgumentException("unknown engine '" + name + "': use one of "
                + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
