package com.dataquality.dqs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The fixed world the rows describe: datasets (with their source, tenant and display name), rules
 * (known ones in {@code rules.json}, unknown ones only in the data) and the series, one per dataset
 * and rule the dataset runs.
 */
final class Catalog {

    /** One dataset. Its name may hold commas, quotes and non-ASCII letters on purpose. */
    record Dataset(String uuid, String name, String source, String tenant, long baseRecords) {}

    /** One rule. {@code known} rules are written to rules.json. */
    record Rule(int code, boolean known, int template) {}

    /** One (dataset, rule) series; {@code attribute} is null for dataset-level rules. */
    record Series(int index, Dataset dataset, Rule rule, String attribute) {}

    final List<Dataset> datasets;
    final List<Rule> rules;
    final List<Series> series;

    Catalog(GeneratorConfig config) {
        SplittableRandom rnd = new SplittableRandom(Mix.mix(config.seed() ^ 0x5EEDCA7A106L));
        this.datasets = makeDatasets(config.datasets(), rnd);
        this.rules = makeRules(config.rules(), config.unknownRules());
        this.series = makeSeries(config, datasets, rules, rnd);
    }

    List<Rule> knownRules() {
        return rules.stream().filter(Rule::known).toList();
    }

    private static List<Dataset> makeDatasets(int n, SplittableRandom rnd) {
        List<Dataset> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            UUID uuid = uuid4(rnd);
            String source = NameBank.SOURCES[rnd.nextInt(NameBank.SOURCES.length)];
            String tenant = NameBank.TENANTS[rnd.nextInt(NameBank.TENANTS.length)];
            // Magnitudes from a thousand to ten million records, log-uniform.
            long records = Math.round(Math.pow(10, 3 + 4 * rnd.nextDouble()));
            out.add(
                    new Dataset(
                            uuid.toString(),
                            NameBank.datasetName(i, rnd),
                            source,
                            tenant,
                            records));
        }
        return List.copyOf(out);
    }

    private static List<Rule> makeRules(int known, int unknown) {
        List<Rule> out = new ArrayList<>(known + unknown);
        for (int i = 0; i < known; i++) {
            out.add(new Rule(101 + i, true, i));
        }
        // Unknown codes live in a higher thousand so they never collide with known ones.
        int unknownStart = ((100 + known) / 1000 + 1) * 1000 + 1;
        for (int i = 0; i < unknown; i++) {
            out.add(new Rule(unknownStart + i, false, known + i));
        }
        return List.copyOf(out);
    }

    /**
     * Each dataset runs a subset of the rules. The subset size follows the row budget: a few
     * executions per series-day keep the daily pass percentage away from just 0 and 100, so small
     * budgets give fewer series instead of thinner ones. Rules are dealt round-robin so every rule
     * is used once there are at least as many series as rules; the unknown rules are dealt early so
     * even a small catalog exercises them.
     */
    private static List<Series> makeSeries(
            GeneratorConfig config,
            List<Dataset> datasets,
            List<Rule> rules,
            SplittableRandom rnd) {
        List<Rule> deal = dealingOrder(rules);
        int ruleCount = deal.size();
        double wanted =
                config.rows() / (config.days() * 0.9 * config.executionsPerDay()) / datasets.size();
        int perDataset = (int) Math.max(1, Math.min(ruleCount, Math.round(wanted)));
        List<Series> out = new ArrayList<>();
        int next = 0;
        for (Dataset d : datasets) {
            // Some spread around the target, so datasets differ in how many rules they run.
            int k = perDataset + rnd.nextInt(3) - 1;
            k = Math.max(1, Math.min(ruleCount, k));
            for (int j = 0; j < k; j++) {
                Rule rule = deal.get((next + j) % ruleCount);
                String attribute =
                        rnd.nextDouble() < 0.45
                                ? NameBank.ATTRIBUTES[rnd.nextInt(NameBank.ATTRIBUTES.length)]
                                : null;
                out.add(new Series(out.size(), d, rule, attribute));
            }
            next = (next + k) % ruleCount;
        }
        return List.copyOf(out);
    }

    /**
     * Known rules in code order, unknown rule i placed right after known rule i * known / unknown.
     */
    private static List<Rule> dealingOrder(List<Rule> rules) {
        List<Rule> known = rules.stream().filter(Rule::known).toList();
        List<Rule> unknown = rules.stream().filter(r -> !r.known()).toList();
        List<Rule> out = new ArrayList<>(rules.size());
        int u = 0;
        for (int k = 0; k < known.size(); k++) {
            out.add(known.get(k));
            while (u < unknown.size() && (long) u * known.size() / unknown.size() <= k) {
                out.add(unknown.get(u++));
            }
        }
        out.addAll(unknown.subList(u, unknown.size()));
        return out;
    }

    /** A version-4 UUID drawn from the seeded stream (UUID.randomUUID is not seedable). */
    static UUID uuid4(SplittableRandom rnd) {
        long hi = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }
}
