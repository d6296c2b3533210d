package dev.oxistore.blob.local;

import java.nio.file.Path;

/**
 * How keys map to files under {@code objects/}. Each key segment but the last is a directory
 * {@code <segment>.d}; the last segment names the object's metadata file {@code <segment>.meta}
 * and its data files {@code <segment>.<etag>.<part>.data}. Because every name ends in a suffix of
 * its kind, no key's files can collide with another key's directory ({@code "a"} and
 * {@code "a/b"} live side by side as {@code a.meta} and {@code a.d/}), nor with temporary files,
 * which live in {@code tmp/} only. The key rules ({@code dev.oxistore.blob.BlobKeys}) already
 * exclude {@code ..}, absolute paths, backslashes and NUL, so every path stays under the root.
 */
final class Layout {

    static final String DIR_SUFFIX = ".d";
    static final String META_SUFFIX = ".meta";
    static final String DATA_SUFFIX = ".data";

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

    Path metaOf(String key) {
        return dirOf(key).resolve(lastSegment(key) + META_SUFFIX);
    }

    Path dataOf(String key, String etag, int part) {
        return dirOf(key).resolve(dataName(lastSegment(key), etag, part));
    }

    static String dataName(String segment, String etag, int part) {
        return segment + "." + etag + "." + part + DATA_SUFFIX;
    }

    /** The segment and ETag of a data file name, or null when the name is not one. */
    static String[] parseData(String name) {
        if (!name.endsWith(DATA_SUFFIX)) {
            return null;
        }
        String stem = name.substring(0, name.length() - DATA_SUFFIX.length());
        int partDot = stem.lastIndexOf('.');
        if (partDot <= 0) {
            return null;
        }
        int etagDot = stem.lastIndexOf('.', partDot - 1);
        if (etagDot <= 0) {
            return null;
        }
        return new String[] {stem.substring(0, etagDot), stem.substring(etagDot + 1, partDot)};
    }
}
