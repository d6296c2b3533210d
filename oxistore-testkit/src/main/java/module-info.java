/**
 * OxiStore testkit: the suites every engine's tests extend (conformance, model-based property
 * tests, concurrency), the crash harness, and test utilities such as {@link dev.oxistore.testkit.ManualClock}.
 */
module dev.oxistore.testkit {
    requires transitive dev.oxistore.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;

    exports dev.oxistore.testkit;
}
