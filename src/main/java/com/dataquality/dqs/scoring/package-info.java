/**
 * Forecasting with models: the native {@link com.dataquality.dqs.scoring.Scorer}, batch prediction,
 * and the streaming side: the pure {@link com.dataquality.dqs.scoring.SeriesForecaster} under the
 * thin {@link com.dataquality.dqs.scoring.ForecastFunction}, the served models in broadcast state
 * ({@link com.dataquality.dqs.scoring.ServingModels}, shared with the drift operator) and the
 * validation of model updates; the roster of champion and challengers and their live comparison
 * ({@link com.dataquality.dqs.scoring.ChallengerComparisonFunction}). Imports {@code model}, {@code
 * features}, {@code stats}, {@code parse}, {@code format}, {@code stream}, {@code record}.
 */
package com.dataquality.dqs.scoring;
