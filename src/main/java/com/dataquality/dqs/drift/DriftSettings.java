package com.dataquality.dqs.drift;

import java.io.Serializable;

/**
 * The drift detector's and the retrain trigger's knobs, with the defaults documented (and measured)
 * in docs/drift.md.
 *
 * @param warmUpDays closed days the detectors stay silent after the job first sees a forecast: the
 *     series' features lack history at first (the same days are left out of the calibration)
 * @param featureThresholdFactor a feature drifts on a day when its {@code rows × PSI} exceeds this
 *     many times the largest value an ordinary training day reached
 * @param featureShare a day drifts when more than this share of the checked features drift
 * @param phDelta Page-Hinkley tolerance, in daily standard deviations of the mean absolute error
 * @param phMinRelativeRise rises of the daily error below this share of the holdout error are
 *     tolerated whatever the daily spread (a large job's tiny spread would otherwise flag aging
 *     that no retraining fixes)
 * @param phLambda Page-Hinkley alarm level
 * @param phClip each day's standardized error counts at most this much (one day never alarms)
 * @param triggerWindow days looked back by the trigger
 * @param triggerSignalDays drift signals (days with a drift event) within the window that trigger a
 *     retraining
 * @param coolDownDays no trigger within this many days after the previous one
 */
public record DriftSettings(
        int warmUpDays,
        double featureThresholdFactor,
        double featureShare,
        double phDelta,
        double phMinRelativeRise,
        double phLambda,
        double phClip,
        int triggerWindow,
        int triggerSignalDays,
        int coolDownDays)
        implements Serializable {

    public static final DriftSettings DEFAULTS =
            new DriftSettings(28, 1.0, 0.5, 0.5, 0.05, 6.0, 4.0, 7, 3, 14);

    public DriftSettings {
        if (triggerWindow < 1 || triggerWindow > 62) {
            throw new IllegalArgumentException("trigger window must be 1..62 days");
        }
        if (triggerSignalDays < 1 || triggerSignalDays > triggerWindow) {
            throw new IllegalArgumentException("trigger signal days must be 1..window");
        }
        if (phClip >= phLambda + phDelta) {
            throw new IllegalArgumentException("clip must stay below lambda + delta");
        }
    }
}
