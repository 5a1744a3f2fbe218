package com.dataquality.dqs.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes rule metadata (CONTRACT.md §2) for the known rules. Keys are mostly plain codes; every
 * seventh is written {@code R<code>}, a form the contract accepts and real metadata files use.
 */
final class RulesWriter {
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private RulesWriter() {}

    static void write(List<Catalog.Rule> rules, Writer out) throws IOException {
        Map<String, Map<String, String>> doc = new LinkedHashMap<>();
        for (Catalog.Rule rule : rules) {
            String[] t = NameBank.RULE_TEMPLATES[rule.template() % NameBank.RULE_TEMPLATES.length];
            int round = rule.template() / NameBank.RULE_TEMPLATES.length;
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("rule_name", round == 0 ? t[0] : t[0] + " (" + (round + 1) + ")");
            meta.put("rule_type", t[1]);
            meta.put("dimension", t[2]);
            meta.put("rule_description", t[3]);
            meta.put("category", "C" + (1 + rule.template() % 4));
            String key =
                    rule.template() % 7 == 3 ? "R" + rule.code() : Integer.toString(rule.code());
            doc.put(key, meta);
        }
        JSON.writeValue(out, doc);
        out.write('\n');
        out.flush();
    }
}
