/** Facade internals: the engine registry. Not exported. */
package dev.oxistore.internal;
