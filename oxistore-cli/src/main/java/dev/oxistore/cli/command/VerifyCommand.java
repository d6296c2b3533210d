package dev.oxistore.cli.command;

import dev.oxistore.cli.term.Units;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.KvStore;
import picocli.CommandLine.Command;

/** {@code verify}: runs the engine's integrity check; exit code 1 when it finds problems. */
@Command(name = "verify",
        description = "Checks the store's stored bytes and structure; exits with 1 when problems are found.")
public final class VerifyCommand extends StoreCommand {

    @Override
    public Integer call() {
        IntegrityReport report;
        try (KvStore store = ctx().openStore(Access.READ)) {
            report = store.checkIntegrity();
        }
        if (report.ok()) {
            out().println("ok: " + Units.count(report.entriesChecked()) + " checked, no problems");
            return 0;
        }
        report.problems().forEach(p -> out().println("problem: " + p));
        throw new CliException(report.problems().size() + " problem(s) found after checking "
                + Units.count(report.entriesChecked()));
    }
}
