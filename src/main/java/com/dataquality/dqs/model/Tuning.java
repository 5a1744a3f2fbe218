package com.dataquality.dqs.model;

/**
 * The hyperparameter search of a tuned model (placeholder).
 *
 * @param budgetSeconds the time budget
 */
public record Tuning(double budgetSeconds) {}
