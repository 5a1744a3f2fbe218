package com.dataquality.dqs.record;

import java.io.Serializable;

/** Descriptive fields of one rule (CONTRACT.md §2). Empty strings when the rule is unknown. */
public record RuleMetadata(
        String ruleName, String ruleType, String dimension, String ruleDescription, String category)
        implements Serializable {

    public static final RuleMetadata EMPTY = new RuleMetadata("", "", "", "", "");
}
