/**
 * OxiStore compression: pure-Java codecs (LZ4, Snappy, Deflate/GZIP, Zstandard) behind one
 * {@link dev.oxistore.compress.Codec} interface, found by name or Parquet codec id through
 * {@link dev.oxistore.compress.Codecs}. Only the API package is exported; every codec lives in
 * an internal package. No JNI, no {@code sun.misc.Unsafe}, no dependencies.
 */
module dev.oxistore.compress {
    exports dev.oxistore.compress;
}
