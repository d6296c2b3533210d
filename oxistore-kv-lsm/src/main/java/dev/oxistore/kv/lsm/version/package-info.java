/**
 * Which tables are live at which level: an immutable, reference-counted
 * {@link dev.oxistore.kv.lsm.version.Version} that readers pin, the
 * {@link dev.oxistore.kv.lsm.version.VersionEdit} a flush or compaction applies to it, and the
 * {@link dev.oxistore.kv.lsm.version.Manifest} that logs those edits (in the record format of
 * {@code dev.oxistore.kv.lsm.log}) so a reopen rebuilds the same tree. Internal to the engine; not
 * exported.
 */
package dev.oxistore.kv.lsm.version;
