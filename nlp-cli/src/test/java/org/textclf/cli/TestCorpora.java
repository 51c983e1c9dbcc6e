package org.textclf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.corpora.Split;
import org.textclf.corpora.Splitter;

/** The embedded corpus written out as TSV files, and training settings small enough for unit tests. */
final class TestCorpora {

    /** A network a few kilobytes big: one epoch on 250 short documents takes about a second. */
    static final List<String> TINY = List.of("--epochs", "1", "--embedding-dim", "8", "--hidden", "8", "--heads", "2",
            "--ffn-dim", "16", "--bigram-buckets", "64", "--max-length", "32", "--batch-size", "32",
            "--min-count", "1", "--threads", "1");

    private TestCorpora() {
    }

    /** Writes train.tsv, valid.tsv and test.tsv (the seed-1 stratified split) into {@code dir}. */
    static Split write(Path dir) throws IOException {
        Split split = Splitter.stratified(DefaultCorpus.documents(), 1);
        tsv(dir.resolve("train.tsv"), split.train());
        tsv(dir.resolve("valid.tsv"), split.valid());
        tsv(dir.resolve("test.tsv"), split.test());
        return split;
    }

    static Path tsv(Path file, List<Document> docs) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Document d : docs) {
            lines.add(String.join(",", d.labels()) + "\t" + d.text());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    static String[] args(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    static String[] train(String... args) {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(TINY);
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
