package dev.oxistore.kv;

/**
 * The engine does not offer a capability (see {@link KvStore#capabilities()}); the message names
 * the capability and an engine that has it.
 */
public final class UnsupportedFeatureException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final Capability capability;

    /** Creates the exception for a missing capability. */
    public UnsupportedFeatureException(Capability capability, String message) {
        super(ErrorCode.UNSUPPORTED, message, null);
        this.capability = capability;
    }

    /** The capability that was asked for. */
    public Capability capability() {
        return capability;
    }
}
