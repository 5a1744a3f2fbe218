package com.dataquality.dqs.retrain;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.ModelRegistry;
import com.dataquality.dqs.model.ServingDocument;
import com.dataquality.dqs.record.ModelRole;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One turn of the closed loop: train a candidate, compare it with the registry's active model
 * ({@link Retrainer}), and only when it is better add it to the registry, make it active and
 * publish it into the watched models directory of a running job. Every turn, promoted or not,
 * appends one line to {@value #LOG} in the registry saying why.
 */
public final class RetrainLoop {
    public static final String LOG = "retrain-log.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RetrainLoop() {}

    /**
     * How a winning candidate reaches a running job: as the champion at once ({@code dqs retrain}),
     * or as a challenger that must earn its place on live data first (the job's own retrainer).
     */
    public enum Publish {
        CHAMPION,
        CHALLENGER
    }

    /**
     * @param publishDir the models directory a running job watches, or null to only register
     * @param trigger what asked for it (e.g. {@code dqs retrain} or a trigger's day), for the log
     */
    public static Retrainer.Verdict run(
            DailySeriesTable history,
            ModelRegistry registry,
            Path publishDir,
            Retrainer.Options options,
            String trigger,
            Consumer<String> progress) {
        return run(history, registry, publishDir, Publish.CHAMPION, options, trigger, progress);
    }

    public static Retrainer.Verdict run(
            DailySeriesTable history,
            ModelRegistry registry,
            Path publishDir,
            Publish as,
            Retrainer.Options options,
            String trigger,
            Consumer<String> progress) {
        if (!Files.isDirectory(registry.dir())) {
            throw new InputException("model registry " + registry.dir() + ": no such directory");
        }
        ForecastModel active = registry.loadActive().orElse(null);
        Retrainer.Verdict v =
                Retrainer.evaluate(
                        history.series(),
                        history.records(),
                        active,
                        options,
                        Instant.now(),
                        progress);
        if (v.better()) {
            String by = as == Publish.CHAMPION ? "retrain" : "auto-retrain";
            String version =
                    registry.add(v.candidate(), by, "retrained on " + trigger + ": " + v.reason());
            ForecastModel registered = registry.load(version);
            if (as == Publish.CHAMPION) {
                registry.promote(version, by, v.reason(), null);
                if (publishDir != null) {
                    publish(registered, publishDir);
                }
            } else if (publishDir != null) {
                publishChallenger(registered, publishDir);
                registry.record("serve-challenger", version, by, "published as a challenger", null);
            }
            v = v.registeredAs(registered);
        }
        log(registry.dir(), v, trigger, publishDir);
        return v;
    }

    /**
     * Drops a model into a watched directory as a challenger: it forecasts in shadow next to the
     * champion until the comparison (or a person) promotes it.
     */
    public static Path publishChallenger(ForecastModel model, Path dir) {
        Path target = dir.resolve(model.version() + ServingDocument.SUFFIX);
        ModelFile.writeBytes(
                ServingDocument.serve(ModelFile.toBytes(model), ModelRole.CHALLENGER, 0), target);
        return target;
    }

    /**
     * Drops a model into a watched directory so that a running job swaps to it: written under a
     * hidden temporary name, then renamed to {@code <version>.model.json}, so the watcher never
     * sees half a file.
     */
    public static Path publish(ForecastModel model, Path dir) {
        Path target = dir.resolve(model.version() + ModelFile.SUFFIX);
        ModelFile.write(model, target);
        return target;
    }

    private static void log(Path dir, Retrainer.Verdict v, String trigger, Path publishDir) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", Instant.now().toString());
        n.put("trigger", trigger);
        n.put("candidate_version", v.candidate().version());
        n.put("active_version", v.activeVersion());
        n.put("train_from", v.trainFrom());
        n.put("compare_from", v.compareFrom());
        n.put("compare_to", v.compareTo());
        n.put("compare_rows", v.compareRows());
        n.put("candidate_mae", v.candidateMae());
        if (Double.isNaN(v.activeMae())) {
            n.putNull("active_mae");
        } else {
            n.put("active_mae", v.activeMae());
        }
        n.put("promoted", v.better());
        n.put("published_to", v.better() && publishDir != null ? publishDir.toString() : null);
        n.put("reason", v.reason());
        try {
            Files.writeString(
                    dir.resolve(LOG),
                    JSON.writeValueAsString(n) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new InputException(
                    "model registry " + dir + ": cannot write " + LOG + ": " + e.getMessage(), e);
        }
    }
}
