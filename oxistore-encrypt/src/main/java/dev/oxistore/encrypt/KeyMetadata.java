package dev.oxistore.encrypt;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.UnsupportedFeatureException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The key records an {@link EncryptedKvStore} keeps in the inner store's keyspace
 * {@value #KEYSPACE}, one per key version, under the key {@code "kek/"} followed by the version as
 * a 32-bit big-endian integer. A record holds no secret: what is needed to rebuild the key from
 * its source (salt and iteration count, or the provider's wrapped key) and a key check value that
 * catches a wrong key at open. Layout (see the module README):
 *
 * <pre>
 * 0  1  record format, 0x01
 * 1  1  state: 0x01 active, 0x02 retired
 * 2  1  source: 0x01 raw, 0x02 passphrase, 0x03 key provider
 * 3  1  algorithm id of the check value (0 when retired)
 *       passphrase: u32 iterations, u8 salt length (16), salt
 *       provider:   u16 key id length, key id (UTF-8), u16 wrapped length, wrapped key
 *       active:     check value = nonce || tag of an empty message sealed under the key, with
 *                   AD "oxistore-encrypt/key-check/v1" || u32 version || every byte before it
 * </pre>
 *
 * Because the check value authenticates the bytes before it, a changed salt, iteration count or
 * wrapped key shows up as a key mismatch rather than a silently different key. A store without
 * {@link Capability#KEYSPACES} keeps no records: only raw keys work there, and nothing checks them
 * at open (a wrong key then fails on the first read).
 */
final class KeyMetadata {

    /** The reserved keyspace of the key records. */
    static final String KEYSPACE = "oxistore.encrypt";

    private static final byte FORMAT = 1;
    private static final byte ACTIVE = 1;
    private static final byte RETIRED = 2;
    private static final int SALT_SIZE = 16;
    private static final byte[] PREFIX = "kek/".getBytes(StandardCharsets.US_ASCII);

    private final Keyspace space; // null without KEYSPACES
    private final boolean writable;
    private final Sealer sealer;

    KeyMetadata(KvStore inner, Sealer sealer) {
        this.space = inner.capabilities().contains(Capability.KEYSPACES) ? inner.keyspace(KEYSPACE) : null;
        this.writable = !inner.config().readOnly();
        this.sealer = sealer;
    }

    /**
     * The keys of every version of {@code ring}: versions the store knows are rebuilt and checked,
     * new ones get a record (a store opened read-only cannot record them).
     *
     * @throws InvalidArgumentException for a wrong key, a retired version, a source of the wrong
     *         kind, or an active version the keyring lacks
     */
    KeyState resolve(Keyring ring) {
        SortedMap<Integer, Kek> keks = new TreeMap<>();
        ring.sources().forEach((version, source) -> {
            byte[] record = space == null ? null : space.get(recordKey(version));
            keks.put(version, record == null ? create(version, source) : load(version, source, record));
        });
        for (var e : records().entrySet()) {
            if (e.getValue()[1] == ACTIVE && !keks.containsKey(e.getKey())) {
                throw new InvalidArgumentException("this store has key version " + e.getKey() + " and the keyring "
                        + ring.versions() + " lacks it: values sealed under it would be unreadable. Add it to the "
                        + "Keyring; to drop it, re-key and retire it with a keyring that has it");
            }
        }
        return new KeyState(keks, ring.primary());
    }

    /**
     * Creates version {@code version} from {@code source} and records it.
     *
     * @throws InvalidArgumentException when the store already has a record of that version
     */
    Kek createNew(int version, KeySource source) {
        if (space != null && space.get(recordKey(version)) != null) {
            throw new InvalidArgumentException("key version " + version + " already exists in this store: "
                    + "pick a version above " + highestVersion());
        }
        return create(version, source);
    }

    /** The highest version any record names, retired ones included (0 when none). */
    int highestVersion() {
        var all = records();
        return all.isEmpty() ? 0 : all.lastKey();
    }

    /** Records {@code version} as retired: its check value and key material are gone for good. */
    void markRetired(int version) {
        if (space != null) {
            byte[] record = space.get(recordKey(version));
            byte kind = record != null && record.length > 2 ? record[2] : 0;
            space.put(recordKey(version), new byte[] {FORMAT, RETIRED, kind, 0});
        }
    }

    private Kek create(int version, KeySource source) {
        if (space == null && !(source instanceof KeySource.Raw)) {
            throw new UnsupportedFeatureException(Capability.KEYSPACES, "a " + source.kindName() + " key needs "
                    + "a record (salt or wrapped key) in keyspace '" + KEYSPACE + "', and the inner store has no "
                    + "keyspaces: use KeySource.raw, or an engine with keyspaces");
        }
        if (space != null && !writable && !(source instanceof KeySource.Raw)) {
            throw new InvalidArgumentException("key version " + version + " (" + source.kindName() + ") has no record "
                    + "in this store and the store is read-only, so none can be made: open it writable once");
        }
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        params.writeBytes(new byte[] {FORMAT, ACTIVE, (byte) source.kindCode(), (byte) sealer.algorithm.id()});
        Kek kek = switch (source) {
            case KeySource.Raw r -> new Kek(version, r.key.clone());
            case KeySource.Passphrase p -> {
                byte[] salt = new byte[SALT_SIZE];
                sealer.random.nextBytes(salt);
                writeInt(params, p.iterations);
                params.write(SALT_SIZE);
                params.writeBytes(salt);
                yield new Kek(version, pbkdf2(p.passphrase, salt, p.iterations));
            }
            case KeySource.Provider pr -> {
                byte[] key = new byte[32];
                sealer.random.nextBytes(key);
                byte[] wrapped = pr.provider.wrapKey(key.clone(), providerContext(version));
                byte[] keyId = pr.provider.keyId().getBytes(StandardCharsets.UTF_8);
                if (wrapped == null || wrapped.length > 0xFFFF || keyId.length > 0xFFFF) {
                    throw new InvalidArgumentException("key provider " + pr.provider.keyId() + " returned "
                            + (wrapped == null ? "no wrapped key" : "a wrapped key of " + wrapped.length + " bytes")
                            + " or a key id over 65,535 bytes: a wrapped key must be 0 to 65,535 bytes");
                }
                writeShort(params, keyId.length);
                params.writeBytes(keyId);
                writeShort(params, wrapped.length);
                params.writeBytes(wrapped);
                yield new Kek(version, key);
            }
        };
        if (space == null || !writable) {
            return kek; // a raw key with nowhere (or no right) to record its check value
        }
        byte[] head = params.toByteArray();
        byte[] check = Envelope.checkValue(sealer.algorithm, kek, sealer.random, head);
        byte[] record = Arrays.copyOf(head, head.length + check.length);
        System.arraycopy(check, 0, record, head.length, check.length);
        if (space.compareAndSet(recordKey(version), null, record)) {
            return kek;
        }
        // Another opener recorded this version first: use and check theirs.
        kek.wipe();
        return load(version, source, space.get(recordKey(version)));
    }

    private Kek load(int version, KeySource source, byte[] record) {
        if (record.length < 4 || record[0] != FORMAT) {
            throw malformed(version, "has an unknown format");
        }
        if (record[1] == RETIRED) {
            throw new InvalidArgumentException("key version " + version + " was retired from this store: remove it "
                    + "from the Keyring (retired version numbers are never reused)");
        }
        if (record[1] != ACTIVE) {
            throw malformed(version, "has unknown state " + record[1]);
        }
        if (record[2] != source.kindCode()) {
            throw new InvalidArgumentException("key version " + version + " of this store was created from a "
                    + kindName(record[2]) + ", but the keyring gives a " + source.kindName() + ": give the same kind of source");
        }
        Algorithm checkAlgorithm = Algorithm.byId(record[3] & 0xFF);
        if (checkAlgorithm == null) {
            throw malformed(version, "names unknown algorithm id " + (record[3] & 0xFF));
        }
        int pos = 4;
        Kek kek;
        try {
            switch (source) {
                case KeySource.Raw r -> kek = new Kek(version, r.key.clone());
                case KeySource.Passphrase p -> {
                    int iterations = Envelope.getInt(record, pos);
                    int saltLength = record[pos + 4] & 0xFF;
                    byte[] salt = Arrays.copyOfRange(record, pos + 5, pos + 5 + saltLength);
                    pos += 5 + saltLength;
                    if (iterations < KeySource.MIN_ITERATIONS || saltLength != SALT_SIZE || pos > record.length) {
                        throw malformed(version, "has a damaged salt or iteration count");
                    }
                    kek = new Kek(version, pbkdf2(p.passphrase, salt, iterations));
                }
                case KeySource.Provider pr -> {
                    int idLength = readShort(record, pos);
                    String keyId = new String(record, pos + 2, idLength, StandardCharsets.UTF_8);
                    pos += 2 + idLength;
                    int wrappedLength = readShort(record, pos);
                    byte[] wrapped = Arrays.copyOfRange(record, pos + 2, pos + 2 + wrappedLength);
                    pos += 2 + wrappedLength;
                    if (pos > record.length) {
                        throw malformed(version, "has a damaged wrapped key");
                    }
                    if (!keyId.equals(pr.provider.keyId())) {
                        throw new InvalidArgumentException("key version " + version + " is wrapped by provider key '"
                                + keyId + "', not by '" + pr.provider.keyId() + "': give a KeyProvider for '" + keyId + "'");
                    }
                    byte[] key = pr.provider.unwrapKey(wrapped, providerContext(version));
                    if (key == null || key.length != 32) {
                        throw new InvalidArgumentException("key provider " + keyId + " unwrapped version " + version
                                + " to " + (key == null ? "nothing" : key.length + " bytes") + " instead of a 32-byte key");
                    }
                    kek = new Kek(version, key.clone());
                }
            }
        } catch (IndexOutOfBoundsException e) {
            throw malformed(version, "is truncated");
        }
        byte[] head = Arrays.copyOf(record, pos);
        byte[] check = Arrays.copyOfRange(record, pos, record.length);
        if (!Envelope.verifyCheckValue(checkAlgorithm, kek, head, check)) {
            kek.wipe();
            throw new InvalidArgumentException("the " + source.kindName() + " given for key version " + version
                    + " is not the key this store's version " + version + " was created with (its key check value "
                    + "does not verify): check the passphrase or key material; nothing was read or written");
        }
        return kek;
    }

    /** Every record by version. */
    private SortedMap<Integer, byte[]> records() {
        SortedMap<Integer, byte[]> out = new TreeMap<>();
        if (space == null) {
            return out;
        }
        try (KvCursor c = space.scan(KeyRange.prefix(PREFIX))) {
            while (c.hasNext()) {
                KvEntry e = c.next();
                if (e.key().length == PREFIX.length + 4 && e.value().length >= 2) {
                    out.put(Envelope.getInt(e.key(), PREFIX.length), e.value());
                }
            }
        }
        return out;
    }

    static byte[] recordKey(int version) {
        byte[] k = Arrays.copyOf(PREFIX, PREFIX.length + 4);
        Envelope.putInt(k, PREFIX.length, version);
        return k;
    }

    /** What a key provider binds to each wrapped key. */
    static byte[] providerContext(int version) {
        return ("oxistore-encrypt/kek/v1/" + version).getBytes(StandardCharsets.US_ASCII);
    }

    /** PBKDF2-HMAC-SHA256 of the passphrase's UTF-8 bytes, 256 bits. */
    static byte[] pbkdf2(char[] passphrase, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK offers no PBKDF2WithHmacSHA256: use KeySource.raw", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String kindName(byte code) {
        return switch (code) {
            case 1 -> "raw key";
            case 2 -> "passphrase";
            case 3 -> "key provider";
            default -> "source of unknown kind " + code;
        };
    }

    private static CorruptionException malformed(int version, String what) {
        return new CorruptionException("the key record of version " + version + " in keyspace '" + KEYSPACE + "' "
                + what + ": restore the store's metadata from a backup");
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static int readShort(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }
}
