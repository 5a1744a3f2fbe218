package com.dataquality.dqs.format;

import com.dataquality.dqs.UnicodeText;
import com.dataquality.dqs.record.SummaryRow;

/**
 * The one-sentence form of a summary row ({@code nl_all_rows.txt}, CONTRACT.md §3). A line break
 * inside a name becomes a space, so that the file keeps one line per row.
 */
public final class SummarySentence {
    private SummarySentence() {}

    /** The sentence, on one line and well-formed (see {@link UnicodeText}). */
    public static String of(SummaryRow r) {
        return UnicodeText.wellFormed(oneLine(sentence(r)));
    }

    private static String oneLine(String s) {
        return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : s.replaceAll("\r\n|\r|\n", " ");
    }

    private static String sentence(SummaryRow r) {
        return "• On "
                + r.businessDateLatest()
                + ", dataset \""
                + r.datasetName()
                + "\" (source: "
                + r.source()
                + ", tenant: "
                + r.tenantId()
                + ", UUID: "
                + r.datasetUuid()
                + ") under rule \""
                + r.ruleName()
                + "\" ["
                + r.ruleCode()
                + "] recorded "
                + r.failCountTotal()
                + " failures and "
                + r.passCountTotal()
                + " passes overall (fail-rate "
                + Decimals.percent2(r.failRateTotal())
                + "; 1-month "
                + Decimals.percent2(r.failRate1m())
                + ", 3-month "
                + Decimals.percent2(r.failRate3m())
                + ", 12-month "
                + Decimals.percent2(r.failRate12m())
                + ") — trend "
                + r.trendFlag()
                + ".";
    }
}
