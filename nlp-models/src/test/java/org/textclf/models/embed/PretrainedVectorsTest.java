package org.textclf.models.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.network.TextNetwork;
import org.textclf.preprocess.vocab.Vocabulary;

class PretrainedVectorsTest {

    static final Vocabulary VOCAB = Vocabulary.of(List.of(Vocabulary.PAD, Vocabulary.UNK, "good", "bad", "film", "istanbul"));

    @Test
    void gloveTextFillsKnownWordsAndReportsCoverage(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("vectors.txt");
        Files.writeString(f, "good 1 2 3\nunrelated 9 9 9\nFilm 4 5 6\nfilm 7 8 9\n<pad> 5 5 5\n", StandardCharsets.UTF_8);
        PretrainedVectors.Loaded v = PretrainedVectors.load(f, PretrainedVectors.Format.infer(f), VOCAB, 3, 1);
        assertArrayEquals(new float[] {1, 2, 3}, v.table().getRow(2).toFloatVector());
        // The exact "film" wins over the earlier case-folded "Film".
        assertArrayEquals(new float[] {7, 8, 9}, v.table().getRow(4).toFloatVector());
        assertArrayEquals(new float[] {0, 0, 0}, v.table().getRow(0).toFloatVector(), "PAD stays zero");
        assertEquals(new PretrainedVectors.Coverage(4, 2, 5), v.coverage());
        assertEquals("2 of 4 vocabulary entries (50.0%) from 5 vectors", v.coverage().toString());
    }

    @Test
    void caseFoldingUsesRootLocale(@TempDir Path dir) throws IOException {
        String saved = java.util.Locale.getDefault().toLanguageTag();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
        try {
            Path f = dir.resolve("v.vec");
            Files.writeString(f, "1 2\nISTANBUL 1 1\n", StandardCharsets.UTF_8);
            PretrainedVectors.Loaded v = PretrainedVectors.load(f, PretrainedVectors.Format.WORD2VEC_TEXT, VOCAB, 2, 1);
            assertArrayEquals(new float[] {1, 1}, v.table().getRow(5).toFloatVector());
        } finally {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag(saved));
        }
    }

    @Test
    void word2vecBinaryGzipped(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("v.bin.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("2 2\n".getBytes(StandardCharsets.UTF_8));
            writeVector(out, "bad", 0.5f, -1.5f);
            writeVector(out, "nope", 3f, 3f);
        }
        assertEquals(PretrainedVectors.Format.WORD2VEC_BINARY, PretrainedVectors.Format.infer(f));
        PretrainedVectors.Loaded v = PretrainedVectors.load(f, PretrainedVectors.Format.WORD2VEC_BINARY, VOCAB, 2, 1);
        assertArrayEquals(new float[] {0.5f, -1.5f}, v.table().getRow(3).toFloatVector());
        assertEquals(1, v.coverage().found());
    }

    private static void writeVector(OutputStream out, String word, float... values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((word + " ").getBytes(StandardCharsets.UTF_8));
        ByteBuffer bb = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : values) {
            bb.putFloat(x);
        }
        b.write(bb.array());
        b.write('\n');
        out.write(b.toByteArray());
    }

    @Test
    void wrongDimensionNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("v.txt");
        Files.writeString(f, "good 1 2 3\nbad 1 2\n", StandardCharsets.UTF_8);
        var e = assertThrows(IllegalArgumentException.class,
                () -> PretrainedVectors.load(f, PretrainedVectors.Format.GLOVE_TEXT, VOCAB, 3, 1));
        assertEquals(f + ":2: vector has 2 values, expected 3", e.getMessage());
    }

    @Test
    void networksStartFromTheGivenVectors(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("v.txt");
        Files.writeString(f, "good 1 2 3 4\n", StandardCharsets.UTF_8);
        PretrainedVectors.Loaded v = PretrainedVectors.load(f, PretrainedVectors.Format.GLOVE_TEXT, VOCAB, 4, 1);
        for (Architecture a : Architecture.values()) {
            TextNetwork net = NetworkFactory.build(NetworkConfig.builder(a, VOCAB.size(), 2).embeddingDim(4).hiddenSize(4)
                    .heads(2).bigramBuckets(a == Architecture.BASELINE ? 3 : 0).build(), v.table());
            assertArrayEquals(new float[] {1, 2, 3, 4}, net.sameDiff().getArrForVarName("embedding").getRow(2).toFloatVector(), a.id());
            assertTrue(net.sameDiff().getArrForVarName("embedding").getRow(0).sumNumber().doubleValue() == 0);
        }
        assertThrows(IllegalArgumentException.class, () -> NetworkFactory.build(
                NetworkConfig.builder(Architecture.BASELINE, VOCAB.size(), 2).embeddingDim(5).build(), v.table()));
    }
}
