package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.textclf.models.network.Architecture;
import picocli.CommandLine;

/** Every experiment file in the repository's {@code experiments/} parses and makes a valid train command line. */
class ExperimentFilesTest {

    @Test
    void everyCheckedInExperimentIsAValidTrainCommandLine() throws IOException {
        Path folder = Path.of("").toAbsolutePath().getParent().resolve("experiments");
        Assumptions.assumeTrue(Files.isDirectory(folder), "experiments/ not found at " + folder + ": skipping");
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(List.of("20newsgroups.yaml", "embedded-tiny.yaml", "imdb-baseline.yaml", "imdb-sg-512.yaml",
                "imdb-sg-bi-3ep.yaml", "imdb-sg-bi-512.yaml", "imdb-sg-bi-full.yaml", "imdb-sg-bi.yaml",
                "imdb-sg-frozen.yaml", "imdb-sg.yaml",
                "imdb-transformer-512-1block-2ep.yaml", "imdb-transformer-512-1block-attn.yaml",
                "imdb-transformer-512-1block-cls.yaml", "imdb-transformer-512-1block-d01.yaml",
                "imdb-transformer-512-1block-d05.yaml", "imdb-transformer-512-1block-ffn1024.yaml",
                "imdb-transformer-512-1block-mc5.yaml", "imdb-transformer-512-1block-td.yaml",
                "imdb-transformer-512-1block-v50k.yaml", "imdb-transformer-512-1block.yaml",
                "imdb-transformer-512.yaml", "imdb-transformer-sg.yaml", "imdb-transformer-sgu-attn.yaml",
                "imdb-transformer-sgu-frozen.yaml", "imdb-transformer-sgu.yaml", "imdb-transformer.yaml", "imdb.yaml",
                "reuters-r8.yaml", "sms-spam.yaml", "sst2.yaml", "trec6.yaml"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files) {
            ExperimentConfig c = ExperimentConfig.load(f);
            assertEquals(f.getFileName().toString().replace(".yaml", ""), c.name(), f.toString());
            assertEquals(42, c.seed(), f.toString());
            assertTrue(c.training().containsKey("epochs"), f + " sets its epochs");
            assertEquals("1", c.training().get("threads"), f.toString());
            CommandLine cl = new CommandLine(new TrainCommand());
            cl.parseArgs(c.trainArgs().toArray(String[]::new));
            TrainCommand t = cl.getCommand();
            assertEquals(42, t.seed, f.toString());
            // Builds the trainer and network configs: fails fast on a bad value (schedule, sizes, tokenizer).
            String trainer = t.trainer(Architecture.parse(t.model)).toString();
            assertTrue(trainer.startsWith("TextModelTrainer["), f + ": " + trainer);
            assertEquals(c.model().get("max-length"), Integer.toString(t.maxLength), f.toString());
            String vectors = c.model().get("pretrained-vectors");
            if (vectors != null) {
                // Vectors are derived data, not committed: the script beside the named file must make it.
                Path maker = Path.of(vectors.replaceAll("\\.vec$", ".sh"));
                assertTrue(Files.isExecutable(maker), f + " names " + vectors + ", made by no executable " + maker);
            }
            if (!c.corpus().embedded()) {
                assertFalse(c.corpus().splits(), f + " names its test file");
                assertTrue(c.corpus().test().toString().endsWith("test.tsv.gz"), f.toString());
                assertTrue(c.corpus().train().toString().contains("shared" + java.io.File.separator + "corpora"),
                        f + ": " + c.corpus().train());
            }
        }
    }
}
