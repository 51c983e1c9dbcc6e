package org.textclf.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.textclf.models.bundle.ModelBundle;

/**
 * Writes a model bundle so that it appears whole or not at all, even when the JVM is stopped mid-write.
 *
 * <p>{@link ModelBundle#write(Path)} is atomic on every ordinary failure, but an interrupted JVM (Ctrl-C,
 * SIGTERM) does not unwind its {@code finally} blocks, so its temporary file would stay behind. Here the
 * temporary file is registered with {@link java.io.File#deleteOnExit()}, which runs during the JVM's
 * shutdown sequence, and is moved into place only when complete. Stateless; thread-safe.
 */
final class BundleFiles {

    private BundleFiles() {
    }

    static void write(ModelBundle bundle, Path target) {
        Path tmp = null;
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            tmp.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(tmp)) {
                bundle.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(target + ": cannot write model: " + e.getMessage(), e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded, or the original error says more
                }
            }
        }
    }
}
