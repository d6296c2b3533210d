/**
 * The {@code oxistore} command: reads and writes a store, exports and imports it, verifies and
 * compacts it, and benchmarks engines with YCSB workloads. An application module: it exports
 * nothing, and opens its command packages to picocli, which sets their option fields reflectively.
 */
module dev.oxistore.cli {
    requires dev.oxistore;
    requires dev.oxistore.workload;
    requires info.picocli;
    // HdrHistogram 2.2.2 has no module descriptor and no Automatic-Module-Name: its module name
    // comes from the jar name.
    requires HdrHistogram;

    opens dev.oxistore.cli to info.picocli;
    opens dev.oxistore.cli.command to info.picocli;
    opens dev.oxistore.cli.bench to info.picocli;
    opens dev.oxistore.cli.blob to info.picocli;
}
