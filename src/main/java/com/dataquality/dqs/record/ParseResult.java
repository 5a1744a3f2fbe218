package com.dataquality.dqs.record;

/**
 * What parsing one input record gives: either a valid execution or a dead letter, never both.
 * Sources emit these so that validation happens once, next to the reader that still knows the
 * record's raw text and origin.
 */
public record ParseResult(RuleExecution execution, DeadLetter deadLetter) {

    public static ParseResult valid(RuleExecution execution) {
        return new ParseResult(execution, null);
    }

    public static ParseResult rejected(DeadLetter deadLetter) {
        return new ParseResult(null, deadLetter);
    }

    public boolean isValid() {
        return execution != null;
    }
}
