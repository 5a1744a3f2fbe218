package com.dataquality.dqs.model;

/**
 * What the training data looked like (placeholder).
 *
 * @param rows series-days
 */
public record DataReport(long rows) {}
