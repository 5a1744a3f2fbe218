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
 * @param featureRecoveryDays a feature-drift episode closes after this many consecutive judged days
 *     without feature drift
 * @param pitDelta Page-Hinkley tolerance of the PIT error test, in daily standard deviations of the
 *     holdout's daily PIT statistic
 * @param pitLambda alarm level of the PIT error test: an error-drift episode opens above it
 * @param pitClip each day's standardized PIT statistic counts at most this much
 * @param pitRecovery an error-drift episode closes when the test's statistic (capped a little above
 *     {@code pitLambda} while the episode is open) falls to this level or below
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
        int coolDownDays,
        int featureRecoveryDays,
        double pitDelta,
        double pitLambda,
        double pitClip,
        double pitRecovery)
        implements Serializable {

    public static final DriftSettings DEFAULTS =
            new DriftSettings(28, 1.0, 0.5, 0.5, 0.05, 6.0, 4.0, 7, 3, 14, 7, 0.5, 10.0, 6.0, 2.0);

    /** Settings of the first versions, with the episode and PIT knobs at their defaults. */
    public DriftSettings(
            int warmUpDays,
            double featureThresholdFactor,
            double featureShare,
            double phDelta,
            double phMinRelativeRise,
            double phLambda,
            double phClip,
            int triggerWindow,
            int triggerSignalDays,
            int coolDownDays) {
        this(
                warmUpDays,
                featureThresholdFactor,
                featureShare,
                phDelta,
                phMinRelativeRise,
                phLambda,
                phClip,
                triggerWindow,
                triggerSignalDays,
                coolDownDays,
                7,
                0.5,
                10.0,
                6.0,
                2.0);
    }

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
        if (pitClip >= pitLambda + pitDelta) {
            throw new IllegalArgumentException("PIT clip must stay below PIT lambda + delta");
        }
        if (pitRecovery < 0 || pitRecovery >= pitLambda) {
            throw new IllegalArgumentException("PIT recovery level must be within [0, lambda)");
        }
        if (featureRecoveryDays < 1) {
            throw new IllegalArgumentException("feature recovery days must be at least 1");
        }
    }
}
