/** Internal part of the HLOG engine: see the module README. */
package dev.oxistore.kv.hlog.log;
