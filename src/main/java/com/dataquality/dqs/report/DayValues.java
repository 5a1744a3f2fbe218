package com.dataquality.dqs.report;

import java.util.Arrays;

/**
 * Values of one series by day (epoch day), appended in any order; the last value given for a day
 * wins. Primitive arrays: a report of a million forecasts keeps a million ints and doubles, not a
 * million objects.
 */
final class DayValues {
    private int[] days = new int[16];
    private double[] values = new double[16];
    private int size;
    private boolean sorted = true;

    void put(int day, double value) {
        if (size == days.length) {
            days = Arrays.copyOf(days, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        if (size > 0 && day <= days[size - 1]) {
            sorted = false;
        }
        days[size] = day;
        values[size] = value;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Sorts by day and keeps the last value given for each day. */
    DayValues finish() {
        if (!sorted) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            // Stable: of equal days, the one given last stays last.
            Arrays.sort(order, (a, b) -> Integer.compare(days[a], days[b]));
            int[] d = new int[size];
            double[] v = new double[size];
            int n = 0;
            for (int i = 0; i < size; i++) {
                int k = order[i];
                if (n > 0 && d[n - 1] == days[k]) {
                    v[n - 1] = values[k];
                } else {
                    d[n] = days[k];
                    v[n] = values[k];
                    n++;
                }
            }
            days = d;
            values = v;
            size = n;
            sorted = true;
        }
        return this;
    }

    int size() {
        return size;
    }

    int day(int i) {
        return days[i];
    }

    double value(int i) {
        return values[i];
    }

    int firstDay() {
        return days[0];
    }

    int lastDay() {
        return days[size - 1];
    }
}
