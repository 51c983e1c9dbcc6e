package org.textclf.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Default values from the file named by the command's {@code --config} option: a JSON or YAML object whose keys
 * are the command's long option names without the dashes ({@code {"model": "transformer", "epochs": 3,
 * "keep-case": true}}).
 *
 * <p>picocli asks a default provider only for options that were NOT given on the command line, after the
 * command line has been parsed, so {@code --config} is known by then and the command line always wins over the
 * file. Values go through the same converters and checks as typed options. A key that is not an option of the
 * command is an error naming it (a typo must not silently fall back to a default). Relative paths in the file
 * are resolved against the file's directory, so a config file and its data can move together.
 *
 * <p>One instance per command line (picocli creates it); not thread-safe.
 */
public final class ConfigFileDefaults implements IDefaultValueProvider {

    /** The option naming the config file. */
    static final String OPTION = "--config";

    private Path loadedFrom;
    private Map<String, String> values;

    @Override
    public String defaultValue(ArgSpec argSpec) throws Exception {
        if (!(argSpec instanceof OptionSpec option) || argSpec.command() == null) {
            return null;
        }
        CommandSpec command = argSpec.command();
        OptionSpec configOption = command.findOption(OPTION);
        if (configOption == null || option == configOption) {
            return null;
        }
        Object config = configOption.getValue();
        if (config == null) {
            return null;
        }
        Path file = Path.of(config.toString());
        if (!file.equals(loadedFrom)) {
            values = load(file, command);
            loadedFrom = file;
        }
        return values.get(option.longestName());
    }

    /** Reads the file and turns every key into the string picocli would have seen on the command line. */
    static Map<String, String> load(Path file, CommandSpec command) {
        JsonNode root;
        try {
            String text = Files.readString(file);
            root = mapperFor(file).readTree(text);
        } catch (NoSuchFileException e) {
            throw usage(command, file + ": config file not found");
        } catch (JsonProcessingException e) {
            throw usage(command, file + ": not valid " + format(file) + ": " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        } catch (IOException e) {
            throw usage(command, file + ": cannot read config file: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw usage(command, file + ": a config file holds one object of option names and values, found "
                    + root.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        Path base = file.toAbsolutePath().getParent();
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            OptionSpec option = command.findOption("--" + key);
            if (option == null || option.usageHelp() || option.versionHelp() || option.longestName().equals(OPTION)
                    || !option.longestName().equals("--" + key)) {
                throw usage(command, file + ": unknown key '" + key + "'; the keys are the long options of '"
                        + command.qualifiedName() + "' without dashes: " + allowedKeys(command));
            }
            out.put(option.longestName(), value(file, key, e.getValue(), option, base, command));
        }
        return out;
    }

    private static String value(Path file, String key, JsonNode node, OptionSpec option, Path base,
                                CommandSpec command) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            if (!option.isMultiValue()) {
                throw usage(command, file + ": key '" + key + "' takes one value, not a list");
            }
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isValueNode() || item.isNull()) {
                throw usage(command, file + ": key '" + key + "' must be a string, number or boolean, was "
                        + item.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
            String s = item.asText();
            if (isPath(option) && !s.equals("-")) {
                s = base.resolve(s).normalize().toString();
            }
            parts.add(s);
        }
        if (parts.size() > 1 && option.splitRegex().isEmpty()) {
            throw usage(command, file + ": key '" + key + "' cannot hold several values");
        }
        return String.join(parts.size() > 1 ? "," : "", parts);
    }

    private static boolean isPath(OptionSpec option) {
        if (option.type() == Path.class) {
            return true;
        }
        Class<?>[] aux = option.auxiliaryTypes();
        return aux != null && aux.length == 1 && aux[0] == Path.class;
    }

    private static TreeSet<String> allowedKeys(CommandSpec command) {
        TreeSet<String> keys = new TreeSet<>();
        for (OptionSpec o : command.options()) {
            if (o.longestName().startsWith("--") && !o.usageHelp() && !o.versionHelp() && !o.hidden()
                    && !o.longestName().equals(OPTION)) {
                keys.add(o.longestName().substring(2));
            }
        }
        return keys;
    }

    private static ObjectMapper mapperFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory())
                : JsonMapper.builder().build();
    }

    private static String format(Path file) {
        return mapperFor(file).getFactory() instanceof YAMLFactory ? "YAML" : "JSON";
    }

    private static CommandLine.ParameterException usage(CommandSpec command, String message) {
        return new CommandLine.ParameterException(command.commandLine(), message);
    }
}
