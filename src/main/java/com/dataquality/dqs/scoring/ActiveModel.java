package com.dataquality.dqs.scoring;

/**
 * What the job keeps in broadcast state: the serving model's bytes and version. It is in every
 * checkpoint and savepoint, so a restored job serves the model it served before.
 */
public record ActiveModel(String version, String origin, byte[] modelJson) {}
