/**
 * The OxiStore facade: {@link dev.oxistore.OxiStore} opens, detects, destroys, backs up and
 * restores stores of any engine on the class or module path, found through
 * {@link java.util.ServiceLoader}.
 */
module dev.oxistore {
    requires transitive dev.oxistore.core;
    requires transitive dev.oxistore.blob; // openBlob returns a BlobStore
    requires transitive dev.oxistore.cache; // openCached returns a CachedKvStore

    exports dev.oxistore;

    uses dev.oxistore.kv.spi.KvEngine;
}
