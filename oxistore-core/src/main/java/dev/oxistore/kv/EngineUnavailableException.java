package dev.oxistore.kv;

/**
 * No engine of the requested kind is on the class or module path; the message names the Maven
 * artifact to add.
 */
public final class EngineUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final EngineKind kind;

    /** Creates the exception for a kind whose module is missing. */
    public EngineUnavailableException(EngineKind kind) {
        super(ErrorCode.ENGINE_UNAVAILABLE,
                "no " + kind + " engine on the class path: add the Maven dependency "
                        + "dev.oxistore:" + kind.artifactId() + " (or pick another engine)", null);
        this.kind = kind;
    }

    /** The kind that was asked for. */
    public EngineKind kind() {
        return kind;
    }
}
