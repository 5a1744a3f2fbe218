/**
 * Retraining: a candidate trained on recent history and compared with the active model ({@code dqs
 * retrain}), and the job's own retrainer that does it on each trigger from the daily series it
 * keeps in state. Imports {@code drift}, {@code scoring}, {@code model}, {@code features}, {@code
 * parse}, {@code stream}, {@code record}.
 */
package com.dataquality.dqs.retrain;
