package org.textclf.preprocess;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the corpora under {@code ../shared/corpora} directly (gzip TSV and raw SGML), so that these tests do not
 * depend on the corpora module, and skips the calling test when the directory is absent.
 */
public final class SharedCorpora {

    private SharedCorpora() {
    }

    /**
     * The folder of one corpus, or a skipped test when it is missing.
     *
     * @param name folder under {@code corpora}, e.g. {@code "imdb"}
     * @return the existing folder
     */
    public static Path corpus(String name) {
        Path shared = Path.of(System.getProperty("textclf.shared.dir", "../shared"));
        Path dir = shared.resolve("corpora").resolve(name);
        assumeTrue(Files.isDirectory(dir), () -> "../shared/corpora/" + name + " not found at "
                + dir.toAbsolutePath().normalize() + ": skipping (set -Dtextclf.shared.dir to the shared folder)");
        return dir;
    }

    /**
     * The text column of the first rows of a {@code label<TAB>text} gzip file.
     *
     * @param file    a {@code .tsv.gz} file
     * @param maxRows how many rows at most
     * @return the texts
     */
    public static List<String> tsvTexts(Path file, int maxRows) {
        List<String> texts = new ArrayList<>();
        try (BufferedReader reader = gzipReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while (texts.size() < maxRows && (line = reader.readLine()) != null) {
                lineNo++;
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalStateException(file + ":" + lineNo + ": expected label<TAB>text");
                }
                texts.add(line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        return texts;
    }

    /**
     * A whole gzip file as text.
     *
     * @param file    the file
     * @param charset its encoding (Reuters SGML is Latin-1)
     * @return the content
     */
    public static String gzipText(Path file, Charset charset) {
        try (BufferedReader reader = gzipReader(file, charset)) {
            StringBuilder sb = new StringBuilder();
            char[] buffer = new char[1 << 16];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                sb.append(buffer, 0, n);
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static BufferedReader gzipReader(Path file, Charset charset) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16), charset));
    }
}
