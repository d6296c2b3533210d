package dev.oxistore.workload;

/** Draws record numbers for operations to touch. Not thread-safe: one per generating thread. */
public interface KeyChooser {

    /** The next record number. */
    long next();
}
