/**
 * The front door: {@link dev.oxistore.OxiStore} opens a store of any engine that is on the class
 * or module path, and tells which engine wrote an existing one.
 */
package dev.oxistore;
