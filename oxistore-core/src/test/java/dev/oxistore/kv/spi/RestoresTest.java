package dev.oxistore.kv.spi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.WrongEngineException;
import dev.oxistore.kv.memory.MemoryEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refusals every engine's restore shares; the engines' own tests restore real backups. */
class RestoresTest {

    @TempDir
    Path tmp;

    private final KvEngine engine = new MemoryEngine(); // recognizes no path: stands for "another engine's files"

    @Test
    void aMissingPathIsAnInvalidArgument() {
        assertThatThrownBy(() -> Restores.verify(engine, null, tmp.resolve("t"))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Restores.verify(engine, tmp, null)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void anExistingTargetIsNeverOverwritten() throws IOException {
        Path target = Files.createDirectory(tmp.resolve("target"));
        assertThatThrownBy(() -> Restores.verify(engine, tmp, target))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("already exists");
    }

    @Test
    void anAbsentBackupIsNotFound() {
        assertThatThrownBy(() -> Restores.verify(engine, tmp.resolve("nothing"), tmp.resolve("t")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aBackupTheEngineDoesNotRecognizeIsTheWrongEngine() throws IOException {
        Path backup = Files.createDirectory(tmp.resolve("other"));
        assertThatThrownBy(() -> Restores.verify(engine, backup, tmp.resolve("t")))
                .isInstanceOf(WrongEngineException.class).hasMessageContaining("MEMORY");
    }
}
