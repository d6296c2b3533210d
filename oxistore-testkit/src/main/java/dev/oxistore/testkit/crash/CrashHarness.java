package dev.oxistore.testkit.crash;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Capability;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.spi.KvEngine;
import dev.oxistore.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kill -9 testing for any persistent engine. Each round starts a child JVM ({@link CrashChild},
 * with this JVM's java binary and class path and the pure-Java deny flags) that opens the store
 * under {@link Durability#SYNC} (or {@link Durability#FLUSH}, see {@link Builder#durability}) and
 * commits single puts and multi-key batches across two keyspaces (one when the engine has no
 * {@code KEYSPACES}), printing an acknowledgement after each commit returns. At a random moment —
 * sometimes before the store has even opened — the parent kills it with SIGKILL
 * ({@link Process#destroyForcibly()}), reopens the store and checks that (both modes promise to
 * survive a process kill, so the checks are the same; only {@code SYNC} also promises to survive
 * a power loss, which a kill does not test):
 * <ul>
 *   <li>every acknowledged commit of every round so far is present with its exact values;</li>
 *   <li>no batch is half applied: each batch found has all its keys, acknowledged or not;</li>
 *   <li>the per-round "last batch" key (overwritten by every batch) names a complete batch at
 *       least as new as the newest acknowledged one, and no newer batch exists;</li>
 *   <li>the store opens and {@link KvStore#checkIntegrity()} finds no problem.</li>
 * </ul>
 * The store carries over from round to round, so later rounds also recover stores that earlier
 * kills left behind. Verification alternates between read-only and writable opens when the
 * engine can open read-only, so the next child sometimes recovers a crashed store itself.
 *
 * <pre>{@code
 * CrashHarness.Result r = CrashHarness.builder(EngineKind.BTREE).build().run(tempDir);
 * CrashHarness.Result f = CrashHarness.builder(EngineKind.LSM).durability(Durability.FLUSH).build().run(otherDir);
 * }</pre>
 *
 * <p>Everything random derives from one seed, printed in every failure; rounds default to
 * {@value #DEFAULT_ROUNDS} ({@value #DEFAULT_FLUSH_ROUNDS} under {@code FLUSH}) times the
 * {@code oxistore.soak} multiplier.
 *
 * <p><b>Phases.</b> An engine may report what it is doing by printing {@code PHASE <name> BEGIN}
 * and {@code PHASE <name> END} lines on the child's stdout (the LSM engine does with
 * {@code lsm.phaseTrace=true}). The harness always records which phases were in progress when
 * each kill landed ({@link Result#phaseKills()}); with {@link Builder#killDuring} it also aims:
 * each round picks the next named phase and kills the child as soon as that phase begins (or at
 * the usual random moment when it does not begin within {@link Builder#maxPhaseWait}).
 */
public final class CrashHarness {

    /** Rounds per soak unit under {@code SYNC}: {@code -Doxistore.soak=10} runs 200. */
    public static final int DEFAULT_ROUNDS = 20;
    /**
     * Rounds per soak unit under {@code FLUSH}: fewer, as the second mode every engine runs (a
     * multiple of three, so a three-phase {@link Builder#killDuring} aims at each phase alike).
     */
    public static final int DEFAULT_FLUSH_ROUNDS = 9;
    /** The largest batch the child writes (plus the round's "last" key). */
    static final int MAX_BATCH = 8;
    /** The keyspaces batches spread over (only the default one when the engine has no keyspaces). */
    static final List<String> KEYSPACES = List.of(KvStore.DEFAULT_KEYSPACE, "crash");

    private static final Pattern ACK = Pattern.compile("ACK (\\d+) ([PB]) (\\d+) \\.");
    private static final long ROUND_SPAN = 10_000_000L;

    private final EngineKind kind;
    private final Durability durability;
    private final int rounds;
    private final long seed;
    private final Map<String, String> engineOptions;
    private final BiFunction<Path, StoreConfig, KvStore> opener;
    private final Duration maxKillDelay;
    private final Duration readyTimeout;
    private final List<String> killDuring;
    private final Duration maxPhaseWait;

    private CrashHarness(Builder b) {
        this.kind = b.kind;
        this.durability = b.durability;
        int perSoak = durability == Durability.FLUSH ? DEFAULT_FLUSH_ROUNDS : DEFAULT_ROUNDS;
        this.rounds = b.rounds > 0 ? b.rounds : perSoak * soak();
        this.seed = b.seed != null ? b.seed : new Random().nextLong();
        this.engineOptions = Map.copyOf(b.engineOptions);
        this.opener = b.opener != null ? b.opener : (dir, config) -> engine(kind).open(dir, config);
        this.maxKillDelay = b.maxKillDelay;
        this.readyTimeout = b.readyTimeout;
        this.killDuring = List.copyOf(b.killDuring);
        this.maxPhaseWait = b.maxPhaseWait;
    }

    /** A harness for the engine of {@code kind} (found with {@link ServiceLoader} in the child). */
    public static Builder builder(EngineKind kind) {
        return new Builder(Objects.requireNonNull(kind, "kind"));
    }

    /** Configures a {@link CrashHarness}. */
    public static final class Builder {
        private final EngineKind kind;
        private Durability durability = Durability.SYNC;
        private int rounds;
        private Long seed;
        private final Map<String, String> engineOptions = new LinkedHashMap<>();
        private BiFunction<Path, StoreConfig, KvStore> opener;
        private Duration maxKillDelay = Duration.ofMillis(700);
        private Duration readyTimeout = Duration.ofSeconds(60);
        private final List<String> killDuring = new ArrayList<>();
        private Duration maxPhaseWait = Duration.ofSeconds(10);

        private Builder(EngineKind kind) {
            this.kind = kind;
        }

        /**
         * The number of rounds; default {@value #DEFAULT_ROUNDS} ({@value #DEFAULT_FLUSH_ROUNDS}
         * under {@code FLUSH}) times {@code -Doxistore.soak}.
         */
        public Builder rounds(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("rounds must be positive, got " + n);
            }
            this.rounds = n;
            return this;
        }

        /**
         * The durability the child commits under: {@link Durability#SYNC} (the default) or
         * {@link Durability#FLUSH}; both promise that an acknowledged commit survives the kill.
         *
         * @throws IllegalArgumentException for {@link Durability#NONE}, which promises nothing to check
         */
        public Builder durability(Durability d) {
            if (Objects.requireNonNull(d, "durability") == Durability.NONE) {
                throw new IllegalArgumentException("Durability.NONE promises nothing after a kill: "
                        + "the crash harness checks SYNC or FLUSH");
            }
            this.durability = d;
            return this;
        }

        /** The seed of every random choice (kill times, batch sizes); default random, printed on failure. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** An engine option for the child's and the verifier's stores. */
        public Builder engineOption(String name, String value) {
            engineOptions.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /**
         * How the parent opens the store to verify it (an engine test's factory); default: the
         * engine of the kind, from {@link ServiceLoader}.
         */
        public Builder verifier(BiFunction<Path, StoreConfig, KvStore> open) {
            this.opener = Objects.requireNonNull(open);
            return this;
        }

        /** The longest time a child writes after opening before it is killed; default 700 ms. */
        public Builder maxKillDelay(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("maxKillDelay must be positive, got " + d);
            }
            this.maxKillDelay = d;
            return this;
        }

        /**
         * Aims kills at phases the engine reports ({@code PHASE <name> BEGIN} lines): round
         * {@code r} waits for phase {@code phases[r % n]} to begin and kills then.
         */
        public Builder killDuring(String... phases) {
            for (String p : phases) {
                killDuring.add(Objects.requireNonNull(p, "phase"));
            }
            return this;
        }

        /** How long a round waits for its phase to begin before killing anyway; default 10 s. */
        public Builder maxPhaseWait(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("maxPhaseWait must be positive, got " + d);
            }
            this.maxPhaseWait = d;
            return this;
        }

        /** Builds the harness. */
        public CrashHarness build() {
            return new CrashHarness(this);
        }
    }

    /**
     * What a run did.
     *
     * @param durability      the durability the child committed under
     * @param rounds          rounds run (each one kill and one verification)
     * @param acknowledged    commits acknowledged by children and found after the kills
     * @param killedBeforeReady rounds whose child was killed before its store was open
     * @param elapsed         wall time of the whole run
     * @param seed            the seed, to replay the run
     * @param phaseKills      per phase the engine reported, the kills that landed while it was in progress
     */
    public record Result(Durability durability, int rounds, long acknowledged, int killedBeforeReady, Duration elapsed,
                         long seed, Map<String, Integer> phaseKills) {
        /** Copies {@code phaseKills}. */
        public Result {
            phaseKills = Map.copyOf(phaseKills);
        }
    }

    /** Runs every round against a store in {@code workDir}/store (created on the first round). */
    public Result run(Path workDir) {
        long started = System.nanoTime();
        Path store = workDir.resolve("store");
        try {
            Files.createDirectories(store);
        } catch (IOException e) {
            throw new AssertionError("cannot create " + store, e);
        }
        Random random = new Random(seed);
        Map<Long, Ack> acked = new TreeMap<>();
        Map<String, Integer> phaseKills = new TreeMap<>();
        int early = 0;
        for (int round = 1; round <= rounds; round++) {
            Child child = Child.start(kind, durability, store, random.nextLong(), round, engineOptions);
            boolean beforeReady = random.nextInt(8) == 0;
            try {
                if (beforeReady) {
                    early++;
                    sleep(random.nextInt(400));
                } else {
                    child.awaitReady(readyTimeout, this, round);
                    if (killDuring.isEmpty() || !child.awaitPhase(killDuring.get(round % killDuring.size()), maxPhaseWait)) {
                        sleep(random.nextInt((int) maxKillDelay.toMillis()) + 1);
                    }
                }
                child.kill(this, round);
            } finally {
                child.destroy();
            }
            for (String phase : child.openPhases()) {
                phaseKills.merge(phase, 1, Integer::sum);
            }
            for (Ack a : child.acks()) {
                acked.put(a.id(), a);
            }
            verify(store, round, acked, round % 2 == 1, child);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return new Result(durability, rounds, acked.size(), early, elapsed, seed, phaseKills);
    }

    /** One acknowledged commit: a put ({@code batch == false}, n == 1) or a batch of n keys. */
    record Ack(long id, boolean batch, int n) {
        long round() {
            return id / ROUND_SPAN;
        }
    }

    private void verify(Path dir, int round, Map<Long, Ack> acked, boolean readOnly, Child child) {
        StoreConfig.Builder cb = StoreConfig.builder().readOnly(readOnly).durability(durability);
        engineOptions.forEach(cb::engineOption);
        KvStore store;
        try {
            store = opener.apply(dir, cb.build());
        } catch (UnsupportedFeatureException e) {
            if (!readOnly || e.capability() != Capability.READ_ONLY_OPEN) {
                throw fail(round, "the store did not reopen after the kill: " + e, child, e);
            }
            verify(dir, round, acked, false, child);
            return;
        } catch (NotFoundException e) {
            if (acked.isEmpty()) {
                return; // killed before the store was first created: nothing was promised
            }
            throw fail(round, "the store did not reopen after the kill: " + e, child, e);
        } catch (RuntimeException e) {
            throw fail(round, "the store did not reopen after the kill: " + e, child, e);
        }
        try (store) {
            List<String> problems = new ArrayList<>();
            List<String> spaces = keyspaces(store);
            checkAcknowledged(store, spaces, acked, problems);
            checkBatchesWhole(store, spaces, round, acked, problems);
            IntegrityReport report = store.checkIntegrity();
            if (!report.ok()) {
                problems.add("checkIntegrity: " + report.problems());
            }
            if (!problems.isEmpty()) {
                throw fail(round, String.join("\n  ", problems), child, null);
            }
        } catch (RuntimeException e) {
            throw fail(round, "verification failed with " + e, child, e);
        }
    }

    private static void checkAcknowledged(KvStore store, List<String> spaces, Map<Long, Ack> acked, List<String> problems) {
        for (Ack a : acked.values()) {
            if (!a.batch()) {
                expect(store, putKey(a.id()), value(a.id(), 0, 1), "acknowledged put " + a.id(), problems);
            } else {
                for (int j = 0; j < a.n(); j++) {
                    expect(store.keyspace(keyspaceOf(j, spaces)), batchKey(a.id(), j), value(a.id(), j, a.n()),
                            "acknowledged batch " + a.id() + " key " + j + "/" + a.n(), problems);
                }
            }
        }
    }

    private static void expect(KvReader reader, byte[] key, byte[] value, String what, List<String> problems) {
        byte[] actual = reader.get(key);
        if (actual == null) {
            problems.add(what + " is missing");
        } else if (!java.util.Arrays.equals(actual, value)) {
            problems.add(what + " has " + Bytes.utf8(actual) + " instead of " + Bytes.utf8(value));
        }
    }

    private static void checkBatchesWhole(KvStore store, List<String> spaces, int round, Map<Long, Ack> acked,
                                          List<String> problems) {
        Map<Long, TreeSet<Integer>> parts = new TreeMap<>();
        Map<Long, Integer> sizes = new HashMap<>();
        for (String ks : spaces) {
            try (KvCursor c = store.keyspace(ks).scan(KeyRange.prefix(Bytes.utf8("b/")))) {
                while (c.hasNext()) {
                    KvEntry e = c.next();
                    long[] v = parse(e.value());
                    if (v == null || !java.util.Arrays.equals(e.key(), batchKey(v[0], (int) v[1])) || !keyspaceOf((int) v[1], spaces).equals(ks)) {
                        problems.add("unexpected batch entry " + Bytes.utf8(e.key()) + " = " + Bytes.utf8(e.value()) + " in " + ks);
                        continue;
                    }
                    parts.computeIfAbsent(v[0], k -> new TreeSet<>()).add((int) v[1]);
                    Integer prev = sizes.put(v[0], (int) v[2]);
                    if (prev != null && prev != v[2]) {
                        problems.add("batch " + v[0] + " has entries claiming sizes " + prev + " and " + v[2]);
                    }
                }
            }
        }
        for (Map.Entry<Long, TreeSet<Integer>> e : parts.entrySet()) {
            int n = sizes.get(e.getKey());
            if (e.getValue().size() != n) {
                problems.add("batch " + e.getKey() + " is half applied: " + e.getValue().size() + " of " + n + " keys present "
                        + e.getValue() + (acked.containsKey(e.getKey()) ? " (acknowledged)" : " (not acknowledged)"));
            }
        }
        for (int r = 1; r <= round; r++) {
            long newestAcked = -1;
            long newestPresent = -1;
            for (Ack a : acked.values()) {
                if (a.batch() && a.round() == r) {
                    newestAcked = Math.max(newestAcked, a.id());
                }
            }
            for (long id : parts.keySet()) {
                if (id / ROUND_SPAN == r) {
                    newestPresent = Math.max(newestPresent, id);
                }
            }
            byte[] last = store.get(lastKey(r));
            long[] v = last == null ? null : parse(last);
            long lastId = v == null ? -1 : v[0];
            if (last != null && v == null) {
                problems.add("round " + r + " last-batch key holds " + Bytes.utf8(last));
            } else if (lastId < newestAcked) {
                problems.add("round " + r + " last-batch key names batch " + lastId + ", older than acknowledged batch " + newestAcked);
            } else if (lastId != newestPresent) {
                problems.add("round " + r + " last-batch key names batch " + lastId + " but the newest batch present is " + newestPresent);
            }
        }
    }

    private AssertionError fail(int round, String what, Child child, Throwable cause) {
        return new AssertionError("crash harness (" + kind + " under " + durability + ", seed " + seed + ", replay with "
                + "builder(...).durability(Durability." + durability + ").seed(" + seed + ")): round " + round + " of " + rounds
                + ": " + what + "\n  child stderr (tail): " + child.stderrTail(), cause);
    }

    // ------------------------------------------------------------------ the child's keys and values

    static long commitId(long round, long i) {
        return round * ROUND_SPAN + i;
    }

    /** The keyspaces the child spreads batches over in {@code store}: two, or one without {@link Capability#KEYSPACES}. */
    static List<String> keyspaces(KvStore store) {
        return store.capabilities().contains(Capability.KEYSPACES) ? KEYSPACES : List.of(KvStore.DEFAULT_KEYSPACE);
    }

    static String keyspaceOf(int j, List<String> spaces) {
        return spaces.get(j % spaces.size());
    }

    static byte[] putKey(long id) {
        return Bytes.utf8(String.format("p/%016d", id));
    }

    static byte[] batchKey(long id, int j) {
        return Bytes.utf8(String.format("b/%016d/%02d", id, j));
    }

    static byte[] lastKey(long round) {
        return Bytes.utf8("last/" + round);
    }

    /** "id:j:n", padded so values have some bulk. */
    static byte[] value(long id, int j, int n) {
        return Bytes.utf8(id + ":" + j + ":" + n + ":" + "x".repeat((int) (id % 97)));
    }

    private static long[] parse(byte[] value) {
        String[] p = Bytes.utf8(value).split(":", 4);
        if (p.length != 4) {
            return null;
        }
        try {
            long id = Long.parseLong(p[0]);
            long[] out = {id, Long.parseLong(p[1]), Long.parseLong(p[2])};
            return java.util.Arrays.equals(value, value(out[0], (int) out[1], (int) out[2])) ? out : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ plumbing

    private static KvEngine engine(EngineKind kind) {
        return ServiceLoader.load(KvEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " engine on the class path (add " + kind.artifactId() + ")"));
    }

    private static int soak() {
        String raw = System.getProperty("oxistore.soak", "1").trim();
        try {
            return Math.max(1, raw.isEmpty() ? 1 : Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Doxistore.soak must be a positive integer, got '" + raw + "'", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A running child JVM and what it printed. */
    private static final class Child {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<Ack> acks = new ArrayList<>();
        private final StringBuilder stderr = new StringBuilder();
        private final Thread outReader;
        private final Thread errReader;
        private final Map<String, Integer> phases = new HashMap<>();

        private Child(Process process) {
            this.process = process;
            this.outReader = pump(process.getInputStream(), this::onLine, "crash-child-stdout");
            this.errReader = pump(process.getErrorStream(), line -> {
                synchronized (stderr) {
                    stderr.append(line).append('\n');
                    if (stderr.length() > 20_000) {
                        stderr.delete(0, stderr.length() - 20_000);
                    }
                }
            }, "crash-child-stderr");
        }

        static Child start(EngineKind kind, Durability durability, Path store, long seed, int round,
                           Map<String, String> options) {
            List<String> args = new ArrayList<>(List.of(kind.name(), durability.name(), store.toString(), Long.toString(seed),
                    Integer.toString(round)));
            options.forEach((k, v) -> args.add(k + "=" + v));
            ProcessBuilder pb = ChildJvm.command(List.of("-ea", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Xshare:auto"), CrashChild.class, args.toArray(String[]::new));
            try {
                return new Child(pb.start());
            } catch (IOException e) {
                throw new AssertionError("cannot start the crash child " + pb.command(), e);
            }
        }

        /** Phase lines update the phase state; every other line is queued. */
        private void onLine(String line) {
            if (line.startsWith("PHASE ")) {
                String[] p = line.split(" ");
                if (p.length == 3) {
                    synchronized (phases) {
                        phases.merge(p[1], p[2].equals("BEGIN") ? 1 : -1, Integer::sum);
                        phases.notifyAll();
                    }
                }
                return;
            }
            lines.add(line);
        }

        /** Waits until {@code phase} is in progress; false when it did not begin within {@code timeout}. */
        boolean awaitPhase(String phase, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (phases) {
                while (phases.getOrDefault(phase, 0) <= 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !process.isAlive()) {
                        return false;
                    }
                    try {
                        phases.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError("interrupted", e);
                    }
                }
                return true;
            }
        }

        /** The phases in progress (begun and not ended) when the child died; call after it was killed. */
        List<String> openPhases() {
            synchronized (phases) {
                return phases.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted().toList();
            }
        }

        private static Thread pump(InputStream in, java.util.function.Consumer<String> sink, String name) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        sink.accept(line);
                    }
                } catch (IOException e) {
                    // the child died: what was read is what counts
                }
            }, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        void awaitReady(Duration timeout, CrashHarness h, int round) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line;
                try {
                    line = lines.poll(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
                if ("READY".equals(line)) {
                    return;
                }
                if (line != null) {
                    throw h.fail(round, "the child printed '" + line + "' before READY", this, null);
                }
                if (!process.isAlive()) {
                    throw h.fail(round, "the child exited with " + process.exitValue() + " before opening the store", this, null);
                }
                if (System.nanoTime() > deadline) {
                    throw h.fail(round, "the child did not open the store within " + timeout, this, null);
                }
            }
        }

        void kill(CrashHarness h, int round) {
            if (!process.isAlive()) {
                join();
                throw h.fail(round, "the child exited on its own with " + process.exitValue() + " before it was killed", this, null);
            }
            process.destroyForcibly();
            join();
        }

        private void join() {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("the crash child did not die within 60 s of SIGKILL");
                }
                outReader.join(10_000);
                errReader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        void destroy() {
            if (process.isAlive()) {
                process.destroyForcibly();
                join();
            }
        }

        List<Ack> acks() {
            for (String line; (line = lines.poll()) != null; ) {
                Matcher m = ACK.matcher(line);
                if (m.matches()) {
                    acks.add(new Ack(Long.parseLong(m.group(1)), m.group(2).equals("B"), Integer.parseInt(m.group(3))));
                }
            }
            return acks;
        }

        String stderrTail() {
            synchronized (stderr) {
                return stderr.isEmpty() ? "(empty)" : stderr.toString();
            }
        }
    }

    @Override
    public String toString() {
        return "CrashHarness[" + kind + ", " + durability + ", rounds=" + rounds + ", seed=" + seed
                + ", options=" + engineOptions + "]";
    }
}
