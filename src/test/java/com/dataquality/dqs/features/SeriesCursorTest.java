package com.dataquality.dqs.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeriesCursorTest {

    @Test
    void everyStateIsStateBeforeWhateverTheOrderOfTheDaysAsked() {
        DailySeriesTable t = new DailySeriesTable();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int d = 0; d < 400; d++) {
            if (rnd.nextInt(10) > 0) {
                t.addDay("ds", 7, 19_000 + d, 1 + rnd.nextInt(5), rnd.nextInt(2));
            }
        }
        DailySeries s = t.find("ds", 7);
        SeriesCursor cursor = new SeriesCursor(s);
        for (int i = 0; i < 300; i++) {
            // Mostly forward, sometimes far back, sometimes outside the series.
            int day = 18_990 + rnd.nextInt(420);
            assertEquals(s.stateBefore(day), cursor.stateBefore(day), "day " + day);
        }
        for (int day = 19_000; day < 19_420; day += 3) {
            assertEquals(s.stateBefore(day), cursor.stateBefore(day), "day " + day);
        }
    }
}
