/**
 * Connectors: file and Kafka sources of records and models, exactly-once file and Kafka sinks, the
 * final summary files and the run report. Imports {@code pipeline} (its inputs and outputs), {@code
 * format}, {@code parse}, {@code model}, {@code stream}, {@code record}.
 */
package com.dataquality.dqs.io;
