package dev.oxistore.kv.btree;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreException;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.StoreLockedException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/**
 * Turns what MVStore throws into OxiStore's exceptions. MVStore raises its own unchecked
 * {@link MVStoreException} with an error code; decoding a damaged file can also surface as any
 * runtime exception, or — when assertions are enabled ({@code -ea}) — as an
 * {@link AssertionError} from MVStore's own consistency assertions; both are reported as
 * corruption with the original as the cause. Any other {@link Error} is rethrown untouched.
 */
final class Errors {

    private static final String REPAIR_HINT = "run checkIntegrity(), restore a backup, or reopen with engine option "
            + BtreeOptions.RECOVERY + "=rollback to roll back to the last good version";

    private Errors() {
    }

    /**
     * The OxiStore exception for {@code e}, thrown while working on the store at {@code where}.
     * Errors other than MVStore's assertions are rethrown as they are.
     */
    static StoreException translate(Throwable e, String where) {
        if (e instanceof Error err && !isMvStoreAssertion(err)) {
            throw err;
        }
        if (e instanceof StoreException se) {
            return se;
        }
        if (e instanceof UncheckedIOException io) {
            return io(where, io.getCause());
        }
        if (e instanceof MVStoreException mv) {
            return switch (mv.getErrorCode()) {
                case DataUtils.ERROR_CLOSED -> new StoreClosedException("store " + where + " is closed"
                        + (mv.getCause() != null ? " after a failure: " + mv.getCause().getMessage() : "")
                        + "; open it again", mv);
                case DataUtils.ERROR_FILE_LOCKED -> new StoreLockedException("store " + where
                        + " is locked by another process or store instance; close that one first", mv);
                case DataUtils.ERROR_READING_FAILED -> hasCause(mv, EOFException.class)
                        ? new CorruptionException("store " + where + " is shorter than its own structure says (" + mv.getMessage()
                                + "): the file was truncated; " + REPAIR_HINT, mv)
                        : new StoreIOException("I/O failure reading store " + where + ": " + mv.getMessage()
                                + "; check the disk, then reopen the store", mv);
                case DataUtils.ERROR_WRITING_FAILED -> new StoreIOException(
                        "I/O failure on store " + where + ": " + mv.getMessage()
                                + "; check the disk, then reopen the store", mv);
                default -> new CorruptionException("store " + where + " failed verification: "
                        + mv.getMessage() + "; " + REPAIR_HINT, mv);
            };
        }
        return new CorruptionException("store " + where + " could not be decoded (" + e
                + "); if the file is intact this is a bug in oxistore-kv-btree, please report it; " + REPAIR_HINT, e);
    }

    /** True for an {@link AssertionError} raised by MVStore's own code (seen with {@code -ea} on damaged files). */
    static boolean isMvStoreAssertion(Throwable t) {
        if (!(t instanceof AssertionError)) {
            return false;
        }
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("org.h2.");
    }

    /** Rethrows {@code t} when it is an {@link Error} other than an MVStore assertion. */
    static void rethrowUnlessMvStore(Throwable t) {
        if (t instanceof Error err && !isMvStoreAssertion(err)) {
            throw err;
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    static StoreIOException io(String where, IOException e) {
        return new StoreIOException("I/O failure on store " + where + ": " + e + "; check the path and the disk", e);
    }

    static String repairHint() {
        return REPAIR_HINT;
    }
}
