package dev.oxistore.kv.spi;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreConfig;
import java.time.Duration;
import java.util.List;

/**
 * Argument checks shared by the API types and every engine, with messages that say what to do.
 * The one-argument forms apply the rules that hold for any store; the forms taking a
 * {@link StoreConfig} add its size limits. Methods that return an array return a copy.
 */
public final class Checks {

    private Checks() {
    }

    /** Checks a key is non-null and non-empty, and returns a copy. */
    public static byte[] copyKey(byte[] key) {
        if (key == null) {
            throw new InvalidArgumentException("key is null: keys are non-empty byte arrays");
        }
        if (key.length == 0) {
            throw new InvalidArgumentException("key is empty: keys are non-empty byte arrays");
        }
        return key.clone();
    }

    /** Checks a value is non-null, and returns a copy. */
    public static byte[] copyValue(byte[] value) {
        if (value == null) {
            throw new InvalidArgumentException("value is null: use delete() to remove a key, or an empty array for an empty value");
        }
        return value.clone();
    }

    /** Checks a time to live is positive. */
    public static Duration ttl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new InvalidArgumentException("ttl must be positive, got " + ttl + ": use put(key, value) for no expiry");
        }
        return ttl;
    }

    /** Checks a keyspace name: 1 to 255 letters, digits, '_', '-' or '.'. */
    public static String keyspaceName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255) {
            throw new InvalidArgumentException("keyspace name must be 1 to 255 characters, got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                throw new InvalidArgumentException("keyspace name '" + name
                        + "' has the character '" + c + "': use letters, digits, '_', '-' or '.'");
            }
        }
        return name;
    }

    /** Checks a {@code getAll} key list: non-null, and every key as {@link #checkKey(byte[], StoreConfig)}. */
    public static void checkKeys(List<byte[]> keys, StoreConfig config) {
        if (keys == null) {
            throw new InvalidArgumentException("keys is null: pass a list of keys");
        }
        for (byte[] key : keys) {
            checkKey(key, config);
        }
    }

    /** Checks a key against the store's limit, without copying it. */
    public static byte[] checkKey(byte[] key, StoreConfig config) {
        if (key == null || key.length == 0) {
            copyKey(key);
        }
        if (key.length > config.maxKeySize()) {
            throw new InvalidArgumentException("key of " + key.length + " bytes exceeds the store's maxKeySize of "
                    + config.maxKeySize() + ": shorten it, or open the store with a larger StoreConfig.maxKeySize");
        }
        return key;
    }

    /** Checks a value against the store's limit, without copying it. */
    public static byte[] checkValue(byte[] value, StoreConfig config) {
        if (value == null) {
            copyValue(value);
        }
        if (value.length > config.maxValueSize()) {
            throw new InvalidArgumentException("value of " + value.length + " bytes exceeds the store's maxValueSize of "
                    + config.maxValueSize() + ": split it, use a blob store, or raise StoreConfig.maxValueSize");
        }
        return value;
    }
}
