package com.dataquality.dqs.bench;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.record.Keys;
import java.util.Map;

/**
 * Which observed days of one generated series are inside an incident, by the generator's hidden
 * truth ({@code incident_drop} of truth.csv: how far an incident pulls the day's pass probability
 * down). An incident's onset is its first day, when the drop is at least {@link #MIN_DROP}; the
 * following days of the same incident are inside it; a day without any incident is ordinary. The
 * fading tail of an incident and the smallest incidents count for neither recall nor false alarms.
 */
final class Incidents {
    /** The smallest drop of the pass probability that counts as an incident to be found. */
    static final double MIN_DROP = 0.2;

    /** Prefix of the truth map's incident-drop entries (see TruthFile.read). */
    static final String DROP_KEY = "drop@";

    enum Day {
        ONSET,
        INSIDE,
        ORDINARY,
        OTHER
    }

    private final Day[] days;

    private Incidents(Day[] days) {
        this.days = days;
    }

    static Incidents of(DailySeries s, Map<String, Double> truth) {
        String key = DROP_KEY + Keys.seriesKey(s.datasetUuid(), s.ruleCode()) + "@";
        Day[] days = new Day[s.size()];
        for (int i = 0; i < s.size(); i++) {
            int day = s.days()[i];
            double drop = truth.getOrDefault(key + day, 0.0);
            // The calendar day before, observed or not: an incident may start on a quiet day.
            double before = truth.getOrDefault(key + (day - 1), 0.0);
            if (drop >= MIN_DROP) {
                days[i] = before == 0 ? Day.ONSET : before >= drop ? Day.INSIDE : Day.OTHER;
            } else {
                days[i] = drop == 0 && before == 0 ? Day.ORDINARY : Day.OTHER;
            }
        }
        return new Incidents(days);
    }

    Day day(int index) {
        return days[index];
    }
}
