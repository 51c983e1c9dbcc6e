package org.textclf.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A text output that is either standard output or a file that appears only when complete.
 *
 * <p>File output is written to a temporary file beside the target and moved into place by
 * {@link #commit()}; closing without commit deletes the temporary file, so a failure or an
 * interrupted run never leaves a half-written output and never clobbers a previous good one.
 * Not thread-safe: one writer per output.
 */
final class AtomicOutput implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final Writer writer;
  private boolean committed;

  private AtomicOutput(Path target, Path temp, Writer writer) {
    this.target = target;
    this.temp = temp;
    this.writer = writer;
  }

  /** Opens {@code target} for writing, or standard output when {@code target} is null or "-". */
  static AtomicOutput open(Path target) {
    if (target == null || target.toString().equals("-")) {
      return new AtomicOutput(null, null, new BufferedWriter(
          new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
    }
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
      return new AtomicOutput(target, temp, Files.newBufferedWriter(temp, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  Writer writer() {
    return writer;
  }

  void println(String line) {
    try {
      writer.write(line);
      writer.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + describe() + ": " + e.getMessage(), e);
    }
  }

  /** Flushes and, for a file, moves the finished temporary file into place. */
  void commit() {
    try {
      writer.flush();
      if (target != null) {
        writer.close();
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + describe() + ": " + e.getMessage(), e);
    }
  }

  private String describe() {
    return target == null ? "standard output" : target.toString();
  }

  @Override
  public void close() {
    try {
      if (target == null) {
        writer.flush();
      } else if (!committed) {
        writer.close();
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + describe() + ": " + e.getMessage(), e);
    }
  }
}
