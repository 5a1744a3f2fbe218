/**
 * The job graph: {@link com.dataquality.dqs.pipeline.Pipeline} builds every stage in one file from
 * its {@link com.dataquality.dqs.pipeline.Inputs} (connectors passed in, never built here) and
 * {@link com.dataquality.dqs.pipeline.PipelineSettings}, and returns {@link
 * com.dataquality.dqs.pipeline.Outputs} for the caller's sinks. Also the route-and-combine operator
 * and how event time is assigned. Imports the stages below it; never {@code io}, {@code launch} or
 * {@code cli}.
 */
package com.dataquality.dqs.pipeline;
