/**
 * The engine SPI: what an engine module implements ({@link dev.oxistore.kv.spi.KvEngine}) and
 * the helpers every engine shares (argument checks, watch delivery, transaction cursors).
 */
package dev.oxistore.kv.spi;
