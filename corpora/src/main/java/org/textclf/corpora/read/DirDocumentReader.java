package org.textclf.corpora.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.textclf.corpora.CorpusException;
import org.textclf.corpora.Document;
import org.textclf.corpora.ReadOptions;

/**
 * A directory corpus like aclImdb's {@code train/}: each sub-folder is a label, each regular file in it one document
 * whose text is the whole file (strict UTF-8, a leading byte order mark dropped, gzip recognised, line breaks
 * kept). Order: label folders sorted by name, then files sorted by name (both in UTF-16 code unit order of the
 * name). Hidden entries (name starting with {@code .}) are skipped, and so are regular files directly in the root
 * (aclImdb keeps {@code urls_pos.txt} and {@code *.feat} there); a folder inside a label folder is an error. Ids are
 * {@code <label>/<file name>}. Only the file names of the current label folder are held in memory. Not thread-safe.
 */
public final class DirDocumentReader extends AbstractDocumentReader {

    private final Path root;
    private final Iterator<Path> labelDirs;
    private Iterator<Path> files = List.<Path>of().iterator();
    private String label;

    /** Lists the label folders; {@code options.dirLabels()} restricts them (each must exist). */
    public DirDocumentReader(Path root, ReadOptions options) {
        this.root = root;
        if (!Files.isDirectory(root)) {
            throw new CorpusException(root.toString(), 0, "not a directory");
        }
        List<Path> dirs;
        if (options.dirLabels().isEmpty()) {
            dirs = list(root).stream().filter(Files::isDirectory).toList();
            if (dirs.isEmpty()) {
                throw new CorpusException(root.toString(), 0,
                        "no label sub-folders (expected one folder per label, one file per document)");
            }
        } else {
            dirs = new ArrayList<>();
            for (String l : options.dirLabels()) {
                Path d = root.resolve(l);
                if (!Files.isDirectory(d)) {
                    throw new CorpusException(root.toString(), 0, "label folder '" + l + "' does not exist");
                }
                dirs.add(d);
            }
            dirs.sort(null);
        }
        for (Path d : dirs) {
            String problem = Document.labelProblem(d.getFileName().toString());
            if (problem != null) {
                throw new CorpusException(d.toString(), 0, "folder name is not a valid label: " + problem);
            }
        }
        this.labelDirs = dirs.iterator();
    }

    /** Non-hidden entries of {@code dir}, sorted by name. */
    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new CorpusException(dir.toString(), 0, "cannot list: " + e, e);
        }
    }

    @Override
    protected Document readNext() {
        while (!files.hasNext()) {
            if (!labelDirs.hasNext()) {
                return null;
            }
            Path dir = labelDirs.next();
            label = dir.getFileName().toString();
            files = list(dir).iterator();
        }
        Path file = files.next();
        if (Files.isDirectory(file)) {
            throw new CorpusException(file.toString(), 0,
                    "nested folder inside label folder '" + label + "' (expected one file per document)");
        }
        return new Document(label + "/" + file.getFileName(), readText(file), List.of(label));
    }

    private static String readText(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            Inputs.Opened opened = Inputs.maybeGunzip(raw);
            StringBuilder sb = new StringBuilder();
            try (Reader r = new StrictUtf8Reader(opened.in(), file.toString(), opened.compressed())) {
                char[] buf = new char[8192];
                int n;
                while ((n = r.read(buf, 0, buf.length)) >= 0) {
                    sb.append(buf, 0, n);
                }
            }
            return sb.toString();
        } catch (IOException e) {
            throw new CorpusException(file.toString(), 0, "cannot read: " + e, e);
        }
    }

    @Override
    protected void closeResources() {
        files = List.<Path>of().iterator();
    }

    @Override
    public String toString() {
        return "DirDocumentReader[" + root + "]";
    }
}
