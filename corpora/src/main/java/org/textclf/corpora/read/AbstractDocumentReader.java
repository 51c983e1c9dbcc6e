package org.textclf.corpora.read;

import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.textclf.corpora.Document;
import org.textclf.corpora.DocumentReader;

/**
 * Look-ahead iterator plumbing shared by all readers: subclasses implement {@link #readNext()} and
 * {@link #closeResources()}. Not thread-safe.
 */
public abstract class AbstractDocumentReader implements DocumentReader {

    private Document next;
    private boolean done;
    private boolean closed;

    /** The next document, or {@code null} at the end. */
    protected abstract Document readNext();

    /** Closes files; called once. */
    protected abstract void closeResources();

    @Override
    public final boolean hasNext() {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
        if (next == null && !done) {
            next = readNext();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public final Document next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more documents");
        }
        Document d = next;
        next = null;
        return d;
    }

    @Override
    public final Stream<Document> stream() {
        Spliterator<Document> s = Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(s, false).onClose(this::close);
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            closeResources();
        }
    }
}
