package com.dataquality.dqs.generate;

import java.util.SplittableRandom;

/** Word lists for names that look like a real data platform's. */
final class NameBank {
    private NameBank() {}

    static final String[] SOURCES = {"snowflake", "databricks", "oracle_dwh", "s3_datalake"};

    static final String[] TENANTS = {"acme_corp", "globex", "initech", "umbrella_eu", "nordwind"};

    static final String[] ATTRIBUTES = {
        "customer_id", "email", "order_date", "amount", "country_code", "postal_code",
        "phone_number", "created_at", "status", "iban", "product_sku", "birth_date"
    };

    private static final String[] SUBJECTS = {
        "Orders",
        "Customers",
        "Invoices",
        "Shipments",
        "Payments",
        "Products",
        "Returns",
        "Claims",
        "Policies",
        "Accounts",
        "Ledger",
        "Inventory",
        "Leads",
        "Tickets",
        "Sensors"
    };

    /**
     * Regions; several need quoting or are non-ASCII on purpose. The first three dataset names
     * always use one of each kind (comma, quote, non-ASCII) so even tiny outputs test parsers.
     */
    private static final String[] COMMA = {"EMEA, North", "Sales, Retail", "Q1, Q2 backfill"};

    private static final String[] QUOTED = {"\"Gold\" tier", "\"legacy\" feed", "the \"new\" CRM"};

    private static final String[] NON_ASCII = {
        "Zürich", "São Paulo", "Malmö", "Kraków", "Île-de-France", "Ørsted", "東京", "Łódź"
    };

    private static final String[] PLAIN = {"daily", "EU", "US", "APAC", "staging", "archive"};

    static String datasetName(int index, SplittableRandom rnd) {
        String subject = SUBJECTS[rnd.nextInt(SUBJECTS.length)];
        int kind = index < 3 ? index : rnd.nextInt(6);
        String qualifier =
                switch (kind) {
                    case 0 -> COMMA[rnd.nextInt(COMMA.length)];
                    case 1 -> QUOTED[rnd.nextInt(QUOTED.length)];
                    case 2 -> NON_ASCII[rnd.nextInt(NON_ASCII.length)];
                    default -> PLAIN[rnd.nextInt(PLAIN.length)];
                };
        // The index keeps names unique, as they are in a real catalog.
        return subject + " " + qualifier + " #" + (index + 1);
    }

    /** Rule templates: name, type, dimension, description. */
    static final String[][] RULE_TEMPLATES = {
        {"Not null check", "NOT_NULL", "Completeness", "Values must not be null"},
        {"Uniqueness of key", "UNIQUE", "Uniqueness", "Key values must be unique"},
        {"Valid email format", "REGEX", "Validity", "Values must look like an e-mail address"},
        {"Row count not zero", "ROW_COUNT", "Completeness", "The load must contain rows"},
        {"Freshness within 24h", "FRESHNESS", "Timeliness", "Data must be at most 24 hours old"},
        {"Amount in range", "RANGE", "Validity", "Amounts must be between 0 and 1,000,000"},
        {"Referential integrity", "FOREIGN_KEY", "Consistency", "Keys must exist in the parent"},
        {"Country code in ISO list", "ALLOWED_VALUES", "Validity", "ISO 3166 alpha-2 codes only"},
        {"Duplicate rows", "DUPLICATES", "Uniqueness", "No fully duplicated rows"},
        {"Schema unchanged", "SCHEMA", "Consistency", "Columns and types match the contract"},
        {"Totals reconcile", "RECONCILIATION", "Accuracy", "Totals match the source system"},
        {"Date not in future", "DATE_RANGE", "Validity", "Dates must not be after the load"},
    };
}
