package dev.oxistore.blob.local;

import java.nio.file.Path;

/**
 * How keys map to files under {@code objects/}. Each key segment but the last is a directory
 * {@code <segment>.d}; the last segment names the object's reference {@code <segment>.ref} (see
 * {@link Refs}), its version file {@code <segment>.<etag>.obj} (the bytes and, in a trailer, the
 * metadata: see {@link Meta}) and, for objects made of uploaded parts or copies, its part files
 * {@code <segment>.<etag>.<i>.data}. Because every name ends in a suffix of its kind, no key's
 * files can collide with another key's directory ({@code "a"} and {@code "a/b"} live side by side
 * as {@code a.ref} and {@code a.d/}), nor with temporary files, which live in {@code tmp/} only.
 * The key rules ({@code dev.oxistore.blob.BlobKeys}) already exclude {@code ..}, absolute paths,
 * backslashes and NUL, so every path stays under the root.
 */
final class Layout {

    static final String DIR_SUFFIX = ".d";
    static final String VERSION_SUFFIX = ".obj";
    static final String DATA_SUFFIX = ".data";
    private static final int ETAG_LENGTH = 32;

    private final Path objects;

    Layout(Path objects) {
        this.objects = objects;
    }

    Path objects() {
        return objects;
    }

    /** The directory holding the files of {@code key}. */
    Path dirOf(String key) {
        Path dir = objects;
        int start = 0;
        for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', start)) {
            dir = dir.resolve(key.substring(start, slash) + DIR_SUFFIX);
            start = slash + 1;
        }
        return dir;
    }

    /** The directory holding keys that start with {@code dirPrefix} (empty, or ending with '/'). */
    Path dirOfPrefix(String dirPrefix) {
        return dirPrefix.isEmpty() ? objects : dirOf(dirPrefix + "x");
    }

    static String lastSegment(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    Path refOf(String key) {
        return dirOf(key).resolve(lastSegment(key) + Refs.SUFFIX);
    }

    Path versionOf(String key, String etag) {
        return dirOf(key).resolve(versionName(lastSegment(key), etag));
    }

    Path dataOf(String key, String etag, int part) {
        return dirOf(key).resolve(lastSegment(key) + "." + etag + "." + part + DATA_SUFFIX);
    }

    static String versionName(String segment, String etag) {
        return segment + "." + etag + VERSION_SUFFIX;
    }

    /** The ETag in {@code name} when it is the name of a version file of {@code segment}, else null. */
    static String versionEtag(String name, String segment) {
        String[] parsed = parse(name);
        return parsed != null && name.endsWith(VERSION_SUFFIX) && parsed[0].equals(segment) ? parsed[1] : null;
    }

    /** The segment and ETag of a version or part file name, or null when the name is neither. */
    static String[] parse(String name) {
        String stem;
        if (name.endsWith(VERSION_SUFFIX)) {
            stem = name.substring(0, name.length() - VERSION_SUFFIX.length());
        } else if (name.endsWith(DATA_SUFFIX)) {
            stem = name.substring(0, name.length() - DATA_SUFFIX.length());
            int partDot = stem.lastIndexOf('.');
            if (partDot <= 0 || !digits(stem, partDot + 1)) {
                return null;
            }
            stem = stem.substring(0, partDot);
        } else {
            return null;
        }
        int etagDot = stem.lastIndexOf('.');
        if (etagDot <= 0 || stem.length() - etagDot - 1 != ETAG_LENGTH || !hex(stem, etagDot + 1)) {
            return null;
        }
        return new String[] {stem.substring(0, etagDot), stem.substring(etagDot + 1)};
    }

    private static boolean digits(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}
