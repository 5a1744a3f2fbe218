/**
 * Starting jobs: {@link com.dataquality.dqs.launch.RunPlan} turns the options of {@code dqs run}
 * into settings, configuration and connectors without starting anything (tested without Flink);
 * {@link com.dataquality.dqs.launch.JobLauncher} runs a plan on an embedded Flink or submits it to
 * a cluster; the embedded environment, the output lock, the bounded summary of {@code summarize}.
 * Used by {@code cli} only.
 */
package com.dataquality.dqs.launch;
