package org.textclf.corpora;

import java.util.List;

/**
 * A train/validation/test split. Lists are immutable; each keeps the documents' original relative order.
 * Immutable and thread-safe.
 *
 * @param train training documents
 * @param valid validation documents (may be empty)
 * @param test  test documents (may be empty)
 */
public record Split(List<Document> train, List<Document> valid, List<Document> test) {

    /** Copies the lists into immutable ones. */
    public Split {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
    }

    /** Total number of documents in the three parts. */
    public int size() {
        return train.size() + valid.size() + test.size();
    }

    @Override
    public String toString() {
        return "Split[train=" + train.size() + ", valid=" + valid.size() + ", test=" + test.size() + "]";
    }
}
