package org.textclf.corpora;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A stream of documents read lazily from a file, directory or input stream: only the current document is held in
 * memory. Errors surface as {@link CorpusException} from {@link #hasNext()} / {@link #next()} exactly when the bad
 * row is reached, so every document before it has been delivered.
 *
 * <p>Not thread-safe: use one reader from one thread. Always close it (try-with-resources); closing the stream
 * returned by {@link #stream()} closes the reader.
 *
 * <pre>{@code
 * try (DocumentReader reader = Corpora.open(Path.of("train.tsv.gz"))) {
 *     while (reader.hasNext()) {
 *         Document doc = reader.next();
 *     }
 * }
 * }</pre>
 */
public interface DocumentReader extends Iterator<Document>, AutoCloseable {

    /**
     * The remaining documents as a sequential, ordered stream. Closing the stream closes this reader.
     */
    Stream<Document> stream();

    /** Releases the underlying file handles. Idempotent. */
    @Override
    void close();
}
