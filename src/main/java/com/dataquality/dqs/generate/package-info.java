/**
 * Realistic synthetic rule executions and rule metadata ({@code dqs generate}), seeded and
 * reproducible: for demos, tests and benchmarks. Free of Flink; imports {@code record}, {@code
 * format} and {@code parse} (the supported date range).
 */
package com.dataquality.dqs.generate;
