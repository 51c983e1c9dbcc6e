package org.textclf.corpora;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small labelled corpus embedded in the jar, so every command runs on a fresh clone without data: 360 short
 * posts in four topics ({@code food} 88, {@code sports} 96, {@code tech} 92, {@code weather} 84), written for this
 * project by {@code corpora/src/main/scripts/make_default_corpus.py} (seeded) with HTML/XML markup, entities,
 * emoji, shouting, punctuation noise, and words shared between topics. A bag-of-words classifier reaches roughly
 * 85-90 % accuracy on it (chance: 27 %), so it is learnable but not trivial.
 *
 * <p>The resource is the TSV file {@code org/textclf/corpora/default-corpus.tsv}, read with the normal TSV reader
 * (ids {@code default-corpus.tsv:<line>}). Thread-safe: the documents are read once and shared as an immutable
 * list.
 */
public final class DefaultCorpus {

    /** Classpath resource name, relative to this class. */
    public static final String RESOURCE = "default-corpus.tsv";

    private DefaultCorpus() {
    }

    private static final class Holder {
        static final List<Document> DOCUMENTS = load();
    }

    private static List<Document> load() {
        InputStream in = DefaultCorpus.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("classpath resource org/textclf/corpora/" + RESOURCE
                    + " is missing: the corpora jar is incomplete");
        }
        try (DocumentReader reader = Corpora.open(in, RESOURCE, ReadOptions.of(CorpusFormat.TSV))) {
            List<Document> docs = new ArrayList<>();
            reader.forEachRemaining(docs::add);
            return List.copyOf(docs);
        }
    }

    /** All documents, in file order (the file is shuffled, so any prefix holds every label). */
    public static List<Document> documents() {
        return Holder.DOCUMENTS;
    }

    /** The distinct labels, sorted. */
    public static List<String> labels() {
        return List.copyOf(labelCounts().keySet());
    }

    /** Documents per label, sorted by label. */
    public static Map<String, Integer> labelCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Document d : documents()) {
            counts.merge(d.label(), 1, Integer::sum);
        }
        return counts;
    }

    /** One line saying what the corpus is, with its label counts. */
    public static String description() {
        return "textclf default corpus: " + documents().size() + " short labelled posts written for this project "
                + "(topics with HTML/XML markup, entities, emoji and punctuation noise), labels " + labelCounts();
    }
}
