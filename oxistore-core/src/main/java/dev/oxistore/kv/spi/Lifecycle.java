package dev.oxistore.kv.spi;

import dev.oxistore.kv.ReadOnlyStoreException;
import dev.oxistore.kv.StoreClosedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The open/closed state of a store and of everything opened from it (snapshots, transactions,
 * cursors), as a chain: a child is usable only while it and every ancestor are open, so closing
 * a store closes its snapshots, transactions and cursors without tracking them. Every public
 * method of an engine's objects starts with {@link #ensureOpen()} (or {@link #ensureWritable()}
 * for writes). Checking costs one volatile read per level. Thread-safe.
 */
public final class Lifecycle {

    private static final VarHandle CLOSED_MESSAGE;

    static {
        try {
            CLOSED_MESSAGE = MethodHandles.lookup().findVarHandle(Lifecycle.class, "closedMessage", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Lifecycle parent;
    private final String defaultMessage;
    private final boolean readOnly;
    private volatile String closedMessage;

    private Lifecycle(Lifecycle parent, String defaultMessage, boolean readOnly) {
        this.parent = parent;
        this.defaultMessage = defaultMessage;
        this.readOnly = readOnly;
    }

    /**
     * The root state of a store.
     *
     * @param closedMessage what {@link StoreClosedException} says once the store is closed
     * @param readOnly      true when {@link #ensureWritable()} must refuse every write
     */
    public static Lifecycle root(String closedMessage, boolean readOnly) {
        return new Lifecycle(null, closedMessage, readOnly);
    }

    /** A child state (snapshot, transaction, cursor) that reports {@code closedMessage} once closed. */
    public Lifecycle child(String closedMessage) {
        return new Lifecycle(this, closedMessage, readOnly);
    }

    /** True while this and every ancestor are open. */
    public boolean isOpen() {
        for (Lifecycle l = this; l != null; l = l.parent) {
            if (l.closedMessage != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Raises {@link StoreClosedException} when this or an ancestor is closed; the nearest closed
     * one's message is used.
     */
    public void ensureOpen() {
        for (Lifecycle l = this; l != null; l = l.parent) {
            String m = l.closedMessage;
            if (m != null) {
                throw new StoreClosedException(m);
            }
        }
    }

    /** {@link #ensureOpen()}, then raises {@link ReadOnlyStoreException} on a read-only store. */
    public void ensureWritable() {
        ensureOpen();
        if (readOnly) {
            throw new ReadOnlyStoreException("the store was opened read-only: reopen it without "
                    + "StoreConfig.readOnly(true) to write");
        }
    }

    /** True when the store this state belongs to refuses writes. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Closes with the default message; true only for the call that actually closed it. */
    public boolean close() {
        return close(defaultMessage);
    }

    /**
     * Closes, so later checks report {@code message} (e.g. "the transaction was committed").
     *
     * @return true only for the call that actually closed it, so cleanup runs once
     */
    public boolean close(String message) {
        return CLOSED_MESSAGE.compareAndSet(this, (String) null, message);
    }
}
