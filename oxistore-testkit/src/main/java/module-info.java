/**
 * OxiStore testkit: the suites every engine's tests extend (conformance, model-based property
 * tests, concurrency), the crash harness, and test utilities such as {@link dev.oxistore.testkit.ManualClock}.
 */
module dev.oxistore.testkit {
    requires transitive dev.oxistore.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires transitive dev.oxistore.blob;

    exports dev.oxistore.testkit;
    exports dev.oxistore.testkit.crash;
    exports dev.oxistore.testkit.blob;

    uses dev.oxistore.kv.spi.KvEngine; // the crash harness finds the engine under test by kind
}
