/**
 * Drift detection: the pure day-by-day detector (feature drift by PSI against the model's
 * reference, error drift by Page-Hinkley, the retraining trigger) and the thin operator that holds
 * it in state. Imports {@code scoring} (served models), {@code model}, {@code stats}, {@code
 * features}, {@code stream}, {@code record}.
 */
package com.dataquality.dqs.drift;
