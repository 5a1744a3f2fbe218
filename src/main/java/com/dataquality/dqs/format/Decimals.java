package com.dataquality.dqs.format;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formats of the contract: plain decimals, and Python's {@code {x:.2%}}. */
public final class Decimals {
    private Decimals() {}

    /**
     * A rate as a plain decimal with as many digits as it needs: {@code 0.25}, {@code 0.0001},
     * {@code 0.3333333333333333}, {@code 0.0}; never {@code 1.0E-4}. The digits are those of the
     * shortest representation that reads back as the same double (as Python prints them).
     */
    public static String plain(double value) {
        if (value == 0.0) {
            return "0.0";
        }
        String s = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    /**
     * Python's {@code format(x, ".2%")}: x×100 in double arithmetic, then the exact binary value
     * rounded half-even to two decimals, then a percent sign.
     */
    public static String percent2(double value) {
        double scaled = value * 100.0;
        return new BigDecimal(scaled).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
