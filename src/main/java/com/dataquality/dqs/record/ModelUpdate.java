package com.dataquality.dqs.record;

/**
 * A model file on its way to the running job: the bytes of a {@code *.model.json} document, as
 * found in the models directory or on the models topic. Validated where it is received; only a
 * valid one reaches broadcast state.
 *
 * @param origin where it came from (a path, a topic and offset), for logs and metrics
 * @param modelJson the document's bytes
 */
public record ModelUpdate(String origin, byte[] modelJson) {}
