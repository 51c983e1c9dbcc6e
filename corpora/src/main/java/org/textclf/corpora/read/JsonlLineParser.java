package org.textclf.corpora.read;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.textclf.corpora.CorpusException;
import org.textclf.corpora.Document;

/**
 * JSON Lines: each line one JSON object with a string {@code text}, either a string {@code label} or a non-empty
 * array of strings {@code labels} (or neither: unlabelled), and an optional {@code id} (string or integer; default
 * {@code <file>:<line>}). Other fields are ignored. Duplicate keys, trailing content after the object, and a file
 * that mixes labelled and unlabelled documents are errors. Not thread-safe (remembers whether the file is labelled).
 */
public final class JsonlLineParser implements LineParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private final String source;
    private Boolean labelled;
    private long firstLine;

    /** @param source name used in error messages */
    public JsonlLineParser(String source) {
        this.source = source;
    }

    @Override
    public Document parse(String line, long lineNo, String defaultId) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new CorpusException(source, lineNo, "invalid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new CorpusException(source, lineNo, "expected a JSON object but found "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw new CorpusException(source, lineNo, text == null ? "missing field \"text\""
                    : "field \"text\" must be a string but is " + kind(text));
        }
        String id = defaultId;
        JsonNode idNode = node.get("id");
        if (idNode != null) {
            if (idNode.isTextual() && !idNode.textValue().isEmpty()) {
                id = idNode.textValue();
            } else if (idNode.isIntegralNumber()) {
                id = idNode.asText();
            } else {
                throw new CorpusException(source, lineNo, "field \"id\" must be a non-empty string or an integer but is "
                        + kind(idNode));
            }
        }
        List<String> labels = labels(node, lineNo);
        boolean has = !labels.isEmpty();
        if (labelled == null) {
            labelled = has;
            firstLine = lineNo;
        } else if (labelled != has) {
            throw new CorpusException(source, lineNo, "document is " + (has ? "labelled" : "unlabelled")
                    + " but the document on line " + firstLine + " is " + (labelled ? "labelled" : "unlabelled")
                    + " (a file must not mix both)");
        }
        return new Document(id, text.textValue(), labels);
    }

    private List<String> labels(JsonNode node, long lineNo) {
        JsonNode label = node.get("label");
        JsonNode labels = node.get("labels");
        if (label != null && labels != null) {
            throw new CorpusException(source, lineNo, "both \"label\" and \"labels\" given: use one");
        }
        if (label != null) {
            if (!label.isTextual()) {
                throw new CorpusException(source, lineNo, "field \"label\" must be a string but is " + kind(label));
            }
            LineParsers.checkLabel(label.textValue(), source, lineNo);
            return List.of(label.textValue());
        }
        if (labels == null) {
            return List.of();
        }
        if (!labels.isArray() || labels.isEmpty()) {
            throw new CorpusException(source, lineNo, "field \"labels\" must be a non-empty array of strings but is "
                    + (labels.isArray() ? "an empty array (omit it for an unlabelled document)" : kind(labels)));
        }
        List<String> out = new ArrayList<>(labels.size());
        for (JsonNode l : labels) {
            if (!l.isTextual()) {
                throw new CorpusException(source, lineNo, "field \"labels\" must hold strings but holds " + kind(l));
            }
            LineParsers.checkLabel(l.textValue(), source, lineNo);
            if (out.contains(l.textValue())) {
                throw new CorpusException(source, lineNo, "label '" + l.textValue() + "' occurs twice");
            }
            out.add(l.textValue());
        }
        return out;
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + n;
    }
}
