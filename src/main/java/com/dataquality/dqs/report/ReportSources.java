package com.dataquality.dqs.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What a report is made from.
 *
 * @param dirs output directories of {@code summarize} or {@code run}, in the order given (a later
 *     directory's summary of a series replaces an earlier one's)
 * @param model a model file whose holdout metrics and training facts to show, or null
 * @param registry a model registry whose versions to show, or null
 */
public record ReportSources(List<Path> dirs, Path model, Path registry) {
    public ReportSources {
        dirs = List.copyOf(dirs);
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one directory");
        }
    }
}
