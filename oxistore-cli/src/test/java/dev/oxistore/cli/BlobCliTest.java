package dev.oxistore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code oxistore blob} commands, through the facade, on a temporary store. */
class BlobCliTest {

    @TempDir
    Path temp;

    private Cli.Result blob(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--store";
        all[1] = temp.resolve("blobs").toString();
        all[2] = "blob";
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.facade().run(all);
    }

    @Test
    void putStatGetLsRm() throws IOException {
        byte[] data = new byte[20 << 20];
        new Random(5).nextBytes(data);
        Path src = Files.write(temp.resolve("model.bin"), data);
        Cli.Result put = blob("put", "models/v1/model.bin", src.toString(), "--meta", "owner=ada", "--content-type", "application/x-model");
        assertThat(put.exit()).as(put.err()).isZero();
        assertThat(put.out()).startsWith("stored models/v1/model.bin (20.0 MiB, ETag ");
        assertThat(put.err()).as("a progress bar for a large transfer").contains("put").contains("100%");

        Cli.Result stat = blob("stat", "models/v1/model.bin");
        assertThat(stat.out()).contains("size:         " + data.length).contains("content-type: application/x-model")
                .contains("meta.owner: ada").containsPattern("sha256: +[0-9a-f]{64}");

        Path back = temp.resolve("back.bin");
        Cli.Result get = blob("get", "models/v1/model.bin", back.toString());
        assertThat(get.exit()).as(get.err()).isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(data);
        assertThat(blob("get", "models/v1/model.bin", back.toString(), "--offset", "10", "--length", "5").exit()).isZero();
        assertThat(Files.readAllBytes(back)).containsExactly(data[10], data[11], data[12], data[13], data[14]);

        Files.writeString(temp.resolve("small.txt"), "hi");
        assertThat(blob("put", "models/readme.txt", temp.resolve("small.txt").toString()).err()).as("small: no bar").isEmpty();
        assertThat(blob("ls").out()).isEqualTo("models/\n");
        assertThat(blob("ls", "models/").out()).isEqualTo("models/readme.txt\nmodels/v1/\n");
        assertThat(blob("ls", "-r").out()).isEqualTo("models/readme.txt\nmodels/v1/model.bin\n");
        assertThat(blob("ls", "-l", "-r", "models/v1/").out()).startsWith(data.length + "\t").endsWith("1 object\n");

        Cli.Result again = blob("put", "models/readme.txt", temp.resolve("small.txt").toString(), "--if-absent");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");

        assertThat(blob("rm", "models/readme.txt", "nope").out()).isEqualTo("deleted models/readme.txt\nnot found (nothing to delete) nope\n");
        assertThat(blob("rm", "--prefix", "models/").out()).isEqualTo("deleted 1 object\n");
        assertThat(blob("ls", "-r").out()).isEmpty();
    }

    @Test
    void putFromStandardInput() {
        Cli.Result put = Cli.facade().runWithInput("from stdin", "--store", temp.resolve("b").toString(), "blob", "put", "in.txt");
        assertThat(put.exit()).as(put.err()).isZero();
        assertThat(Cli.facade().run("--store", temp.resolve("b").toString(), "blob", "stat", "in.txt").out()).contains("size:         10");
    }

    @Test
    void errorsSayWhatIsWrong() {
        Cli.Result missing = blob("stat", "nothing/here");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("oxistore: no object 'nothing/here'\n");
        Cli.Result bad = blob("put", "../escape", temp.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'..' segment");
        Cli.Result noFile = blob("put", "k", temp.resolve("absent").toString());
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err()).contains("no file");
        assertThat(blob("rm").exit()).isEqualTo(2);
        assertThat(blob().exit()).isEqualTo(2);
    }
}
