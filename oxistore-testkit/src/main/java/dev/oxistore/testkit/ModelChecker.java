package dev.oxistore.testkit;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs seeded random sequences against an engine and the {@link Model}; on the first failure,
 * shrinks the sequence (each candidate replayed on a fresh store in a fresh directory) and
 * reports the seed, the shrunk steps and the failure. Not thread-safe.
 */
final class ModelChecker {

    /** Replays the shrinker may spend on one failure. */
    static final int SHRINK_BUDGET = 3_000;

    /** A failing sequence: where it came from, what it shrank to, and why the shrunk one fails. */
    record Failure(long seed, OpGenerator.Profile profile, EngineKind kind, List<ModelOp> original,
                   List<ModelOp> shrunk, ModelRunner.StepFailure failure, int replays) {

        /** A report naming the seed and the replay command, with the shrunk steps numbered. */
        String describe(String replayHint) {
            StringBuilder out = new StringBuilder();
            out.append("model check failed on ").append(kind).append(", profile ").append(profile)
                    .append(", seed ").append(seed).append('\n')
                    .append("  replay: ").append(replayHint.replace("{seed}", Long.toString(seed))).append('\n')
                    .append("  ").append(original.size()).append(" steps shrunk to ").append(shrunk.size())
                    .append(" in ").append(replays).append(" replays:\n");
            for (int i = 0; i < shrunk.size(); i++) {
                out.append(String.format("  %3d. %s%n", i + 1, shrunk.get(i)));
            }
            out.append("  failure at ").append(failure.describe());
            return out.toString();
        }
    }

    private final StoreFactory factory;
    private final Consumer<StoreConfig.Builder> configure;
    private final Path workDir;
    private final AtomicInteger dirs = new AtomicInteger();
    private Probe probe;
    private ModelRunner runner;

    ModelChecker(StoreFactory factory, Consumer<StoreConfig.Builder> configure, Path workDir) {
        this.factory = factory;
        this.configure = configure;
        this.workDir = workDir;
    }

    /** What the engine is and offers, learnt by opening a store once; the generator only uses what is offered. */
    record Probe(EngineKind kind, Set<Capability> capabilities) {
    }

    /** Opens a plain store once (no merge operator, which an engine without MERGE may refuse). */
    Probe probe() {
        if (probe == null) {
            Path dir = freshDir();
            try (KvStore store = factory.open(dir, new ModelRunner(factory, configure, false).config(new ManualClock()))) {
                probe = new Probe(store.kind(), Set.copyOf(store.capabilities()));
            } finally {
                Kit.deleteTree(dir);
            }
        }
        return probe;
    }

    private ModelRunner runner() {
        if (runner == null) {
            runner = new ModelRunner(factory, configure, probe().capabilities().contains(Capability.MERGE));
        }
        return runner;
    }

    /** The sequence a seed generates. */
    List<ModelOp> generate(long seed, OpGenerator.Profile profile, Set<Capability> caps) {
        return new OpGenerator(seed, profile, caps, factory.persistent()).sequence();
    }

    /**
     * Runs {@code sequences} sequences with seeds drawn from {@code masterSeed}, or only
     * {@code replaySeed} when it is not null; returns the first failure, shrunk.
     */
    Optional<Failure> check(OpGenerator.Profile profile, int sequences, long masterSeed, Long replaySeed) {
        Probe probe = probe();
        SplittableRandom seeds = new SplittableRandom(masterSeed);
        int runs = replaySeed == null ? sequences : 1;
        for (int i = 0; i < runs; i++) {
            long seed = replaySeed == null ? seeds.nextLong() : replaySeed;
            List<ModelOp> ops = generate(seed, profile, probe.capabilities());
            Optional<ModelRunner.StepFailure> failure = replayFresh(ops);
            if (failure.isPresent()) {
                return Optional.of(shrink(seed, profile, probe.kind(), ops, failure.get()));
            }
        }
        return Optional.empty();
    }

    /** Shrinks a failing sequence; candidates must fail with the same kind of error. */
    Failure shrink(long seed, OpGenerator.Profile profile, EngineKind kind, List<ModelOp> ops, ModelRunner.StepFailure first) {
        String signature = signature(first.cause());
        Shrinker<ModelOp> shrinker = new Shrinker<>(
                candidate -> replayFresh(candidate).filter(f -> signature(f.cause()).equals(signature)).isPresent(),
                ModelOp::simpler, SHRINK_BUDGET);
        List<ModelOp> shrunk = shrinker.shrink(ops);
        ModelRunner.StepFailure last = replayFresh(shrunk).orElse(null);
        if (last == null) {
            // The failure did not reproduce (a race?): report the original sequence as it failed.
            return new Failure(seed, profile, kind, ops, ops, first, shrinker.attempts());
        }
        return new Failure(seed, profile, kind, ops, shrunk, last, shrinker.attempts());
    }

    /** Replays {@code ops} on a new store in a new directory, deleted afterwards. */
    Optional<ModelRunner.StepFailure> replayFresh(List<ModelOp> ops) {
        Path dir = freshDir();
        try {
            return runner().replay(ops, dir);
        } finally {
            Kit.deleteTree(dir);
        }
    }

    private Path freshDir() {
        return Kit.mkdirs(workDir.resolve("run-" + dirs.incrementAndGet()));
    }

    private static String signature(Throwable t) {
        return t instanceof AssertionError ? AssertionError.class.getName() : t.getClass().getName();
    }
}
