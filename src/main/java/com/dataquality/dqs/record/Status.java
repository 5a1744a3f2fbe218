package com.dataquality.dqs.record;

/** Outcome of one rule execution. Warnings are executions that neither passed nor failed. */
public enum Status {
    PASS,
    FAIL,
    WARNING
}
