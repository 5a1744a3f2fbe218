package com.dataquality.dqs.scoring;

/**
 * The serving model as versions before 0.2 kept it in broadcast state (one model, under the key
 * {@code active}). Kept so that their savepoints restore: {@link ServingModels} reads it once and
 * replaces it with a {@link ModelRoster}.
 */
public record ActiveModel(String version, String origin, byte[] modelJson) {}
