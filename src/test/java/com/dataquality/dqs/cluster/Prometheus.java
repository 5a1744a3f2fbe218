package com.dataquality.dqs.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples of the Prometheus text format, as a scraper reads them. */
final class Prometheus {
    private static final Pattern LINE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample: metric name, labels, value, and the endpoint it came from. */
    record Sample(String name, Map<String, String> labels, double value, String endpoint) {
        String label(String key) {
            return labels.getOrDefault(key, "");
        }

        @Override
        public String toString() {
            return name
                    + "{version="
                    + labels.get("version")
                    + ", subtask="
                    + labels.get("subtask_index")
                    + ", tm="
                    + labels.get("tm_id")
                    + "} "
                    + value
                    + " @"
                    + endpoint;
        }
    }

    private Prometheus() {}

    static List<Sample> parse(String text, String endpoint) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            double value;
            try {
                value = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            out.add(new Sample(m.group(1), labels, value, endpoint));
        }
        return out;
    }
}
