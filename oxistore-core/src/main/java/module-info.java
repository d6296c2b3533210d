/**
 * OxiStore core: the key-value contract ({@code dev.oxistore.kv}), typed access
 * ({@code dev.oxistore.kv.typed}), the engine SPI ({@code dev.oxistore.kv.spi}) and the in-memory
 * engine, which is internal and found through {@link java.util.ServiceLoader}.
 */
module dev.oxistore.core {
    exports dev.oxistore.kv;
    exports dev.oxistore.kv.typed;
    exports dev.oxistore.kv.spi;

    uses dev.oxistore.kv.spi.KvEngine;
    provides dev.oxistore.kv.spi.KvEngine with dev.oxistore.kv.memory.MemoryEngine;
}
