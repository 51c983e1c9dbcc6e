package org.textclf.models.embed;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.textclf.preprocess.vocab.Vocabulary;

/**
 * Initial embedding tables from pretrained word vectors in word2vec text, word2vec binary or GloVe
 * text format (optionally gzipped). Only vectors of words in the vocabulary are kept, so files of
 * any size stream through in constant memory. Words without a vector keep a random N(0, 1/dim)
 * initialisation; PAD stays zero. Stateless and thread-safe.
 *
 * <pre>{@code
 * PretrainedVectors.Loaded v = PretrainedVectors.load(Path.of("glove.6B.100d.txt"),
 *         PretrainedVectors.Format.GLOVE_TEXT, vocab, 100, 42);
 * System.out.println(v.coverage());   // e.g. 28411 of 30000 vocabulary entries (94.7%)
 * TextNetwork net = NetworkFactory.build(config, v.table());
 * }</pre>
 */
public final class PretrainedVectors {

    private PretrainedVectors() {
    }

    /** File formats. */
    public enum Format {
        /** First line {@code <count> <dim>}, then {@code word v1 ... vd} per line. */
        WORD2VEC_TEXT,
        /** Header line {@code <count> <dim>}, then per word: the word, a space, dim little-endian float32s. */
        WORD2VEC_BINARY,
        /** {@code word v1 ... vd} per line, no header. */
        GLOVE_TEXT;

        /** {@code .bin} (optionally {@code .gz}) is word2vec binary; {@code .vec} word2vec text; else GloVe text. */
        public static Format infer(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".gz")) {
                name = name.substring(0, name.length() - 3);
            }
            if (name.endsWith(".bin")) {
                return WORD2VEC_BINARY;
            }
            return name.endsWith(".vec") ? WORD2VEC_TEXT : GLOVE_TEXT;
        }
    }

    /**
     * How much of the vocabulary the file covered (PAD and UNK excluded).
     *
     * @param vocabularyWords vocabulary entries other than PAD and UNK
     * @param found           of those, entries that received a pretrained vector
     * @param fileWords       vectors read from the file
     */
    public record Coverage(int vocabularyWords, int found, long fileWords) {
        public double ratio() {
            return vocabularyWords == 0 ? 0 : (double) found / vocabularyWords;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d of %d vocabulary entries (%.1f%%) from %d vectors", found,
                    vocabularyWords, 100 * ratio(), fileWords);
        }
    }

    /** A [vocab size, dim] FLOAT table and its coverage. */
    public record Loaded(INDArray table, Coverage coverage) {
    }

    /**
     * Reads vectors for {@code vocab}. An exact match wins; otherwise the ROOT-lowercased file word
     * fills a vocabulary entry that has no exact match (vocabularies are usually lowercased).
     *
     * @throws IllegalArgumentException naming file and line on a malformed line or wrong dimension
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static Loaded load(Path file, Format format, Vocabulary vocab, int dim, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray table = Embeddings.randomTable(vocab.size(), dim, DataType.FLOAT, Vocabulary.PAD_ID);
        boolean[] exact = new boolean[vocab.size()];
        boolean[] filled = new boolean[vocab.size()];
        long[] read = new long[1];
        Sink sink = (word, vec, where) -> {
            if (vec.length != dim) {
                throw new IllegalArgumentException(where + ": vector has " + vec.length + " values, expected " + dim);
            }
            read[0]++;
            int id = vocab.contains(word) ? vocab.id(word) : -1;
            boolean isExact = id >= 0;
            if (!isExact) {
                String lower = word.toLowerCase(Locale.ROOT);
                id = vocab.contains(lower) ? vocab.id(lower) : -1;
            }
            if (id <= Vocabulary.UNK_ID || exact[id] || (!isExact && filled[id])) {
                return;
            }
            table.getRow(id).assign(Nd4j.createFromArray(vec));
            filled[id] = true;
            exact[id] = isExact;
        };
        try (InputStream raw = open(file)) {
            if (format == Format.WORD2VEC_BINARY) {
                readBinary(raw, file, sink);
            } else {
                readText(raw, file, format == Format.WORD2VEC_TEXT, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read vectors: " + e.getMessage(), e);
        }
        int found = 0;
        for (int i = Vocabulary.UNK_ID + 1; i < filled.length; i++) {
            found += filled[i] ? 1 : 0;
        }
        return new Loaded(table, new Coverage(vocab.size() - 2, found, read[0]));
    }

    @FunctionalInterface
    private interface Sink {
        void accept(String word, float[] vector, String where);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static void readText(InputStream raw, Path file, boolean header, Sink sink) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
        String line;
        long no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            if (line.isBlank() || (header && no == 1)) {
                continue;
            }
            String[] parts = line.trim().split(" +");
            float[] vec = new float[parts.length - 1];
            try {
                for (int i = 1; i < parts.length; i++) {
                    vec[i - 1] = Float.parseFloat(parts[i]);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + no + ": not a number in vector of '" + parts[0] + "'", e);
            }
            sink.accept(parts[0], vec, file + ":" + no);
        }
    }

    private static void readBinary(InputStream raw, Path file, Sink sink) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        String[] header = readToken(in, '\n').trim().split(" +");
        if (header.length != 2) {
            throw new IllegalArgumentException(file + ": word2vec binary header must be '<count> <dim>', was '"
                    + String.join(" ", header) + "'");
        }
        long count;
        int dim;
        try {
            count = Long.parseLong(header[0]);
            dim = Integer.parseInt(header[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": word2vec binary header is not numeric", e);
        }
        byte[] buf = new byte[4 * dim];
        for (long w = 0; w < count; w++) {
            String word = readToken(in, ' ').strip();
            try {
                in.readFully(buf);
            } catch (EOFException e) {
                throw new IllegalArgumentException(file + ": truncated after " + w + " of " + count + " vectors", e);
            }
            float[] vec = new float[dim];
            ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vec);
            sink.accept(word, vec, file + ": vector " + (w + 1));
        }
    }

    /** Bytes up to {@code end} (exclusive) as UTF-8; leading newlines between records are skipped. */
    private static String readToken(DataInputStream in, char end) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != end) {
            if (c == '\n' && b.size() == 0) {
                continue;
            }
            b.write(c);
        }
        if (c == -1 && b.size() == 0) {
            throw new EOFException();
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
