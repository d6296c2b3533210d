package dev.oxistore.kv;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a store is opened: durability, merge operator, clock, limits, and engine-specific options.
 * Immutable; built with {@link #builder()}. The builder rejects an option set twice, and
 * conflicting options, with a message naming both.
 */
public final class StoreConfig {

    /** The default largest key: 64 KiB. */
    public static final int DEFAULT_MAX_KEY_SIZE = 64 * 1024;
    /** The default largest value: 64 MiB. */
    public static final int DEFAULT_MAX_VALUE_SIZE = 64 * 1024 * 1024;

    private static final StoreConfig DEFAULTS = builder().build();

    private final Durability durability;
    private final MergeOperator mergeOperator;
    private final InstantSource clock;
    private final boolean readOnly;
    private final boolean createIfMissing;
    private final int maxKeySize;
    private final int maxValueSize;
    private final Map<String, String> engineOptions;

    private StoreConfig(Builder b) {
        this.durability = b.durability == null ? Durability.SYNC : b.durability;
        this.mergeOperator = b.mergeOperator;
        this.clock = b.clock == null ? InstantSource.system() : b.clock;
        this.readOnly = b.readOnly != null && b.readOnly;
        this.createIfMissing = b.createIfMissing == null ? !readOnly : b.createIfMissing;
        this.maxKeySize = b.maxKeySize == null ? DEFAULT_MAX_KEY_SIZE : b.maxKeySize;
        this.maxValueSize = b.maxValueSize == null ? DEFAULT_MAX_VALUE_SIZE : b.maxValueSize;
        this.engineOptions = Map.copyOf(b.engineOptions);
    }

    /** The configuration with every default: SYNC, no merge operator, the system clock. */
    public static StoreConfig defaults() {
        return DEFAULTS;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration, where every option may be set once more. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.base = this;
        return b;
    }

    /** What a write guarantees when it returns; default {@link Durability#SYNC}. */
    public Durability durability() {
        return durability;
    }

    /** The merge operator, if one is configured. */
    public Optional<MergeOperator> mergeOperator() {
        return Optional.ofNullable(mergeOperator);
    }

    /** The clock that decides expiry; the system clock by default. */
    public InstantSource clock() {
        return clock;
    }

    /** True when writes are refused with {@link ReadOnlyStoreException}. */
    public boolean readOnly() {
        return readOnly;
    }

    /** True when opening a missing path creates a new store; default true unless read-only. */
    public boolean createIfMissing() {
        return createIfMissing;
    }

    /** The largest key in bytes. */
    public int maxKeySize() {
        return maxKeySize;
    }

    /** The largest value in bytes. */
    public int maxValueSize() {
        return maxValueSize;
    }

    /** Engine-specific options by name (each engine documents its own). */
    public Map<String, String> engineOptions() {
        return engineOptions;
    }

    /** An engine option, if set. */
    public Optional<String> engineOption(String name) {
        return Optional.ofNullable(engineOptions.get(name));
    }

    @Override
    public String toString() {
        return "StoreConfig[durability=" + durability + ", merge=" + (mergeOperator != null) + ", readOnly=" + readOnly
                + ", createIfMissing=" + createIfMissing + ", maxKeySize=" + maxKeySize
                + ", maxValueSize=" + maxValueSize + ", options=" + engineOptions + "]";
    }

    /** Builds a {@link StoreConfig}; each option may be set once. */
    public static final class Builder {
        private StoreConfig base;
        private Durability durability;
        private MergeOperator mergeOperator;
        private InstantSource clock;
        private Boolean readOnly;
        private Boolean createIfMissing;
        private Integer maxKeySize;
        private Integer maxValueSize;
        private final Map<String, String> engineOptions = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets the durability of writes. */
        public Builder durability(Durability value) {
            durability = once("durability", durability, nonNull("durability", value));
            return this;
        }

        /** Sets the merge operator used by {@code merge}. */
        public Builder mergeOperator(MergeOperator value) {
            mergeOperator = once("mergeOperator", mergeOperator, nonNull("mergeOperator", value));
            return this;
        }

        /** Sets the clock that decides expiry (tests inject a manual one). */
        public Builder clock(InstantSource value) {
            clock = once("clock", clock, nonNull("clock", value));
            return this;
        }

        /** Opens the store read-only. */
        public Builder readOnly(boolean value) {
            readOnly = once("readOnly", readOnly, value);
            return this;
        }

        /** Whether opening a missing path creates a store. */
        public Builder createIfMissing(boolean value) {
            createIfMissing = once("createIfMissing", createIfMissing, value);
            return this;
        }

        /** Sets the largest key in bytes (1 to 16 MiB). */
        public Builder maxKeySize(int value) {
            maxKeySize = once("maxKeySize", maxKeySize, range("maxKeySize", value, 1, 16 << 20));
            return this;
        }

        /** Sets the largest value in bytes (0 to 1 GiB). */
        public Builder maxValueSize(int value) {
            maxValueSize = once("maxValueSize", maxValueSize, range("maxValueSize", value, 0, 1 << 30));
            return this;
        }

        /** Sets an engine-specific option (see the engine's documentation). */
        public Builder engineOption(String name, String value) {
            nonNull("engine option name", name);
            nonNull("engine option '" + name + "'", value);
            if (engineOptions.containsKey(name)) {
                throw new InvalidArgumentException("engine option '" + name + "' is set twice ('"
                        + engineOptions.get(name) + "' and '" + value + "'): set it once");
            }
            engineOptions.put(name, value);
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @throws InvalidArgumentException when options conflict (read-only with createIfMissing)
         */
        public StoreConfig build() {
            if (base != null) {
                if (durability == null) durability = base.durability;
                if (mergeOperator == null) mergeOperator = base.mergeOperator;
                if (clock == null) clock = base.clock;
                if (readOnly == null) readOnly = base.readOnly;
                if (createIfMissing == null && !Boolean.TRUE.equals(readOnly)) createIfMissing = base.createIfMissing;
                if (maxKeySize == null) maxKeySize = base.maxKeySize;
                if (maxValueSize == null) maxValueSize = base.maxValueSize;
                base.engineOptions.forEach(engineOptions::putIfAbsent);
                base = null;
            }
            if (Boolean.TRUE.equals(readOnly) && Boolean.TRUE.equals(createIfMissing)) {
                throw new InvalidArgumentException("readOnly(true) conflicts with createIfMissing(true): "
                        + "a read-only open cannot create a store");
            }
            return new StoreConfig(this);
        }

        private static <T> T nonNull(String name, T value) {
            if (value == null) {
                throw new InvalidArgumentException(name + " is null");
            }
            return value;
        }

        private static int range(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new InvalidArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        }

        private static <T> T once(String name, T current, T value) {
            if (current != null) {
                throw new InvalidArgumentException(name + " is set twice (" + current + " and " + value + "): set it once");
            }
            return value;
        }
    }
}
