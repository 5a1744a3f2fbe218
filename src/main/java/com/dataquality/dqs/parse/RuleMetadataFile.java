package com.dataquality.dqs.parse;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.UnicodeText;
import com.dataquality.dqs.record.RuleMetadata;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The rule metadata file of CONTRACT.md §2: a JSON object keyed by rule code (any spelling of §1)
 * whose values are objects of five string fields. A field that is absent or null is taken as empty;
 * other fields are ignored; an unpaired surrogate in a field (a JSON escape of one half of a pair)
 * becomes U+FFFD. Any other shape fails with an {@link InputException} naming the file and the
 * problem, since summaries with silently wrong metadata are worse than none.
 */
public final class RuleMetadataFile {
    private static final String[] FIELDS = {
        "rule_name", "rule_type", "dimension", "rule_description", "category"
    };

    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RuleMetadataFile() {}

    /** Rule metadata keyed by normalized rule code; unmodifiable. */
    public static Map<Integer, RuleMetadata> load(Path file) {
        String name = "rule metadata file " + file;
        if (!Files.exists(file)) {
            throw new InputException(name + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InputException(name + " is a directory, expected a JSON file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(name + " cannot be read: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where =
                    at == null
                            ? ""
                            : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InputException(
                    name
                            + " is not valid JSON: "
                            + UnicodeText.wellFormed(e.getOriginalMessage())
                            + where,
                    e);
        } catch (IOException e) {
            throw new InputException(name + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InputException(name + " is empty, expected a JSON object keyed by rule code");
        }
        if (!root.isObject()) {
            throw new InputException(
                    name + " must be a JSON object keyed by rule code, found " + describe(root));
        }
        Map<Integer, RuleMetadata> rules = new HashMap<>();
        Map<Integer, String> keyOf = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            // Made well-formed for the messages below: a key may escape a lone surrogate.
            String key = UnicodeText.wellFormed(entry.getKey());
            int code;
            try {
                code = RuleCodes.parse(key);
            } catch (IllegalArgumentException e) {
                throw new InputException(name + ": key " + e.getMessage());
            }
            String previous = keyOf.putIfAbsent(code, key);
            if (previous != null) {
                throw new InputException(
                        name
                                + ": keys '"
                                + previous
                                + "' and '"
                                + key
                                + "' are the same rule code "
                                + code);
            }
            rules.put(code, metadata(name, key, entry.getValue()));
        }
        return Collections.unmodifiableMap(rules);
    }

    private static RuleMetadata metadata(String name, String key, JsonNode rule) {
        if (!rule.isObject()) {
            throw new InputException(
                    name
                            + ": rule '"
                            + key
                            + "' must be an object with rule_name, rule_type, dimension,"
                            + " rule_description and category, found "
                            + describe(rule));
        }
        String[] v = new String[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            JsonNode field = rule.get(FIELDS[i]);
            if (field == null || field.isNull()) {
                v[i] = "";
            } else if (field.isTextual()) {
                v[i] = UnicodeText.wellFormed(field.textValue());
            } else {
                throw new InputException(
                        name
                                + ": rule '"
                                + key
                                + "' field "
                                + FIELDS[i]
                                + " must be a string, found "
                                + describe(field));
            }
        }
        return new RuleMetadata(v[0], v[1], v[2], v[3], v[4]);
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isNumber()) {
            return "a number (" + node + ")";
        }
        if (node.isBoolean()) {
            return "a boolean (" + node + ")";
        }
        if (node.isTextual()) {
            return "a string";
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
