package org.textclf.cli;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.textclf.corpora.Document;
import org.textclf.corpora.DocumentReader;

/** A {@link DocumentReader} over documents already in memory (the embedded corpus); nothing to close. Not thread-safe. */
final class IteratorReader implements DocumentReader {
    private final Iterator<Document> it;

    IteratorReader(Iterator<Document> it) {
        this.it = it;
    }

    @Override
    public boolean hasNext() {
        return it.hasNext();
    }

    @Override
    public Document next() {
        return it.next();
    }

    @Override
    public Stream<Document> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false);
    }

    @Override
    public void close() {
    }
}
