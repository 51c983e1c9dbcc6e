package org.textclf.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.textclf.corpora.Corpora;
import org.textclf.corpora.CorpusException;
import org.textclf.corpora.CorpusFormat;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.corpora.DocumentReader;
import org.textclf.corpora.ReadOptions;

/**
 * The documents of several inputs in order, where a document that cannot be read becomes a failed item
 * instead of ending the run: a malformed row, an unreadable file inside a directory corpus, invalid UTF-8.
 *
 * <p>After a read error the reader is asked for the next document again; the corpora readers move past a
 * bad row or file, so reading continues. When the retry fails with the very same error (a sticky error,
 * e.g. invalid UTF-8 or a broken gzip stream, after which the file cannot be read further), the rest of
 * that input is abandoned with a note. Items come in a deterministic order for the same input files,
 * which is what resuming relies on. Not thread-safe.
 */
final class InputItems implements Iterator<InputItems.Item>, AutoCloseable {

    /**
     * One input position: a document, a failure (counted), or a note (shown, not counted).
     *
     * @param document the document, or null
     * @param id       id of the document, or of the failure (file:line where known)
     * @param problem  why it failed, or the note, or null
     * @param counted  whether a non-document item is a failed document (false = a note)
     */
    record Item(Document document, String id, String problem, boolean counted) {
        static Item of(Document d) {
            return new Item(d, d.id(), null, false);
        }

        static Item failed(String id, String problem) {
            return new Item(null, id, problem, true);
        }

        static Item note(String id, String problem) {
            return new Item(null, id, problem, false);
        }

        boolean isDocument() {
            return document != null;
        }
    }

    private record Part(String name, Supplier<DocumentReader> open) {
    }

    private final Iterator<Part> parts;
    private Part part;
    private DocumentReader current;
    private String lastError;
    /** Errors since the last document of this input: bounds a reader that fails differently every time. */
    private int errorsInARow;
    private Item next;

    /** Consecutive read errors after which an input is abandoned even if the messages differ. */
    static final int MAX_ERRORS_IN_A_ROW = 1000;

    /** Items of {@code inputs} (paths, {@code -} = standard input), or of the embedded corpus when empty. */
    InputItems(List<Path> inputs, ReadOptions options) {
        List<Part> list = new ArrayList<>();
        if (inputs.isEmpty()) {
            list.add(new Part("embedded default corpus", () -> new IteratorReader(DefaultCorpus.documents().iterator())));
        }
        for (Path p : inputs) {
            if (p.toString().equals("-")) {
                // Standard input has no name to infer a format from; TSV is the project's native format.
                ReadOptions o = options.format() != null ? options : options.toBuilder().format(CorpusFormat.TSV).build();
                list.add(new Part("<stdin>", () -> Corpora.open(System.in, "<stdin>", o)));
            } else {
                list.add(new Part(p.toString(), () -> Corpora.open(p, options)));
            }
        }
        this.parts = list.iterator();
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public Item next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Item i = next;
        next = null;
        return i;
    }

    private Item advance() {
        while (true) {
            if (current == null) {
                if (!parts.hasNext()) {
                    return null;
                }
                part = parts.next();
                lastError = null;
                errorsInARow = 0;
                try {
                    current = part.open().get();
                } catch (RuntimeException e) {
                    return Item.failed(part.name(), message(e) + " (input not read)");
                }
            }
            try {
                if (current.hasNext()) {
                    lastError = null;
                    errorsInARow = 0;
                    return Item.of(current.next());
                }
                closeCurrent();
            } catch (RuntimeException e) {
                String msg = message(e);
                if (msg.equals(lastError) || ++errorsInARow > MAX_ERRORS_IN_A_ROW) {
                    closeCurrent();
                    return Item.note(part.name(), "the rest of " + part.name()
                            + " was not read: the reader cannot continue after the error above");
                }
                lastError = msg;
                String id = e instanceof CorpusException ce
                        ? (ce.line() > 0 ? ce.source() + ":" + ce.line() : ce.source()) : part.name();
                return Item.failed(id, msg);
            }
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void closeCurrent() {
        DocumentReader r = current;
        current = null;
        if (r != null) {
            try {
                r.close();
            } catch (RuntimeException ignored) {
                // A close failure of an input already read (or abandoned) changes nothing in the output.
            }
        }
    }

    @Override
    public void close() {
        closeCurrent();
    }
}
