/**
 * Realistic synthetic rule executions and rule metadata ({@code dqs generate}), seeded and
 * reproducible: for demos, tests and benchmarks. Free of Flink; imports {@code record} and {@code
 * format}.
 */
package com.dataquality.dqs.generate;
