/** Light epoch protection for the HLOG engine: see the module README. */
package dev.oxistore.kv.hlog.epoch;
