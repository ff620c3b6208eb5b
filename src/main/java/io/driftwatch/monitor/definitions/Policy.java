package io.driftwatch.monitor.definitions;

import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Sections;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.drift.DatasetDrift;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.estimate.EstimateResult;
import io.driftwatch.estimate.MetricEstimates;
import io.driftwatch.integrity.IntegrityFinding;
import io.driftwatch.integrity.IntegrityResult;
import io.driftwatch.multivariate.MultivariateOptions;
import io.driftwatch.multivariate.MultivariateResult;
import io.driftwatch.notify.Breach;
import io.driftwatch.quality.DegradationTest;
import io.driftwatch.quality.MetricValue;
import io.driftwatch.quality.QualityMetric;
import io.driftwatch.quality.QualityResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A monitor's alert and retraining policy: which checks breach it, which channels hear about it,
 * which retraining triggers fire, and the cooldown.
 *
 * <p>Incidents: the first breaching check opens one (alerting the channels once), breaching checks
 * after it update it silently, and the first clean check closes it (a "resolved" notice if
 * {@code notifyResolved}). A breach within {@code cooldown} of the last incident closing re-opens
 * that incident without a new alert, so a flapping monitor does not page anyone twice. Retraining
 * triggers fire once per incident, at its first check that meets {@code retrainWhen}.
 *
 * @param alertWhen what opens an incident
 * @param channels the configured channels told of it
 * @param cooldown how long after an incident closes a breach re-opens it instead of a new one
 * @param notifyResolved whether the channels hear when it closes
 * @param retrainWhen what must also hold for the retraining triggers to fire
 * @param triggers the configured retraining triggers
 *
 * <p>Thread-safe: immutable.
 */
public record Policy(Condition alertWhen, List<String> channels, Duration cooldown, boolean notifyResolved,
        Condition retrainWhen, List<String> triggers) {

    /** No channels, no triggers: checks open no incidents. */
    public static final Policy NONE = new Policy(Condition.DATASET_DRIFT, List.of(), Duration.ZERO, true,
            Condition.DATASET_DRIFT, List.of());

    public Policy {
        channels = List.copyOf(channels);
        triggers = List.copyOf(triggers);
    }

    /** Whether the policy does anything (has a channel or a trigger). */
    public boolean active() {
        return !channels.isEmpty() || !triggers.isEmpty();
    }

    /**
     * What breaches a policy; any condition that is set suffices.
     *
     * @param datasetDrift the check found dataset drift
     * @param driftShare the share of drifted columns reached this, when set
     * @param columns any of these columns drifted
     * @param checkError the check could not run
     * @param dataQuality the data-quality failures that breach, or null when data quality does not
     * @param modelQuality the model-quality results that breach, or null when model quality does not
     * @param estimate the estimated metrics (CBPE, DLE) that breach, or null when estimates do not
     * @param multivariate the multivariate-drift methods that breach, or null when they do not
     */
    public record Condition(boolean datasetDrift, Double driftShare, List<String> columns, boolean checkError,
            DataQuality dataQuality, ModelQuality modelQuality, Estimate estimate, Multivariate multivariate) {
        /** Evidently's notion: dataset drift, nothing else. */
        public static final Condition DATASET_DRIFT = new Condition(true, null, List.of(), false);

        public Condition {
            columns = List.copyOf(columns);
        }

        /** A condition on drift and check errors only. */
        public Condition(boolean datasetDrift, Double driftShare, List<String> columns, boolean checkError) {
            this(datasetDrift, driftShare, columns, checkError, null, null, null, null);
        }

        /** A condition without the label-free conditions (estimate, multivariate). */
        public Condition(boolean datasetDrift, Double driftShare, List<String> columns, boolean checkError,
                DataQuality dataQuality, ModelQuality modelQuality) {
            this(datasetDrift, driftShare, columns, checkError, dataQuality, modelQuality, null, null);
        }

        /**
         * Whether a check that ran, with these sections, breaches the condition: the drift conditions
         * read the drift section (a check without one breaches none of them).
         */
        public boolean breachedBy(Sections sections) {
            return !breaches(sections).isEmpty();
        }

        /**
         * What of this condition a check that ran, with these sections, breaches (in {@link Breach}
         * order); empty when it breaches none. A new set on every call.
         */
        public Set<Breach> breaches(Sections sections) {
            Set<Breach> out = EnumSet.noneOf(Breach.class);
            if (modelQuality != null) {
                out.addAll(modelQuality.breaches(sections));
            }
            if (estimate != null && !estimate.alerting(sections).isEmpty()) {
                out.add(Breach.ESTIMATED_PERFORMANCE);
            }
            if (dataQuality != null && dataQuality.breachedBy(sections)) {
                out.add(Breach.DATA_QUALITY);
            }
            if (multivariate != null && !multivariate.alerting(sections).isEmpty()) {
                out.add(Breach.MULTIVARIATE_DRIFT);
            }
            if (driftBreachedBy(sections)) {
                out.add(Breach.DATA_DRIFT);
            }
            return out;
        }

        /**
         * Whether a check that skipped the analyses {@code skipped} (by section name: {@code integrity},
         * {@code quality}, {@code estimate}, {@code multivariate}) still tells about everything this condition
         * watches: false when the condition reads one of them, so that such a check does not close an
         * incident it cannot judge (a check on sketch profiles skips every analysis but drift).
         */
        public boolean judgedWithout(Set<String> skipped) {
            return (dataQuality == null || !skipped.contains("integrity"))
                    && (modelQuality == null || !skipped.contains("quality"))
                    && (estimate == null || !skipped.contains("estimate"))
                    && (multivariate == null || !skipped.contains("multivariate"));
        }

        /**
         * What this condition watches, whether breached or not: what an incident it opens is about
         * (a check error is not among them). A new set on every call.
         */
        public Set<Breach> watched() {
            Set<Breach> out = EnumSet.noneOf(Breach.class);
            if (modelQuality != null) {
                if (modelQuality.anyFailedTest() || !modelQuality.degraded().isEmpty()) {
                    out.add(Breach.MODEL_DEGRADED);
                }
                if (modelQuality.anyFailedTest() || !modelQuality.bounds().isEmpty()) {
                    out.add(Breach.MODEL_QUALITY);
                }
            }
            if (estimate != null) {
                out.add(Breach.ESTIMATED_PERFORMANCE);
            }
            if (dataQuality != null) {
                out.add(Breach.DATA_QUALITY);
            }
            if (multivariate != null) {
                out.add(Breach.MULTIVARIATE_DRIFT);
            }
            if (datasetDrift || driftShare != null || !columns.isEmpty()) {
                out.add(Breach.DATA_DRIFT);
            }
            return out;
        }

        private boolean driftBreachedBy(Sections sections) {
            Optional<DriftResult> found = sections.find(DriftResult.class);
            if (found.isEmpty()) {
                return false;
            }
            DatasetDrift drift = found.get().dataset();
            if (datasetDrift && drift.detected()) {
                return true;
            }
            if (driftShare != null && drift.numberOfColumns() > 0 && drift.share() >= driftShare) {
                return true;
            }
            if (!columns.isEmpty()) {
                Set<String> drifted = new HashSet<>();
                for (ColumnDrift c : found.get().columns()) {
                    if (c.drifted()) {
                        drifted.add(c.name());
                    }
                }
                for (String c : columns) {
                    if (drifted.contains(c)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * Which failures of the integrity section breach ({@code when: {integrity: …}}): a failed
     * Evidently test (all of its default tests are critical) or a broken reference-derived condition,
     * of at least {@code severity}, on one of {@code columns} when any are named (dataset-level
     * failures name no column, so they breach only when no column is named).
     *
     * @param severity the least severity that breaches
     * @param columns the columns whose failures breach; empty for any
     */
    public record DataQuality(IntegrityFinding.Severity severity, List<String> columns) {
        /** Any failure breaches. */
        public static final DataQuality ANY = new DataQuality(IntegrityFinding.Severity.WARNING, List.of());

        public DataQuality {
            Objects.requireNonNull(severity, "severity");
            columns = List.copyOf(columns);
        }

        /** Whether the check's integrity section (if it has one) has a failure this selects. */
        public boolean breachedBy(Sections sections) {
            Optional<IntegrityResult> found = sections.find(IntegrityResult.class);
            if (found.isEmpty()) {
                return false;
            }
            for (MetricTest t : found.get().metricTests()) {
                if (t.status().failed() && selects(IntegrityFinding.Severity.CRITICAL, t.column())) {
                    return true;
                }
            }
            for (IntegrityFinding f : found.get().findings()) {
                if (selects(f.condition().severity(), f.column())) {
                    return true;
                }
            }
            return false;
        }

        private boolean selects(IntegrityFinding.Severity failure, String column) {
            return failure.compareTo(severity) >= 0 && (columns.isEmpty() || column != null && columns.contains(column));
        }
    }

    /**
     * Which results of the model-quality section breach ({@code when: {quality: …}}): any failed
     * test ({@code quality: true}: one of Evidently's default tests or a degradation test, as
     * {@link QualityResult#failed()} counts them), the failed degradation tests of named metrics
     * ({@code degraded: [f1_score]}), or a metric of the current batch past an absolute bound
     * ({@code below: {accuracy: 0.8}}, {@code above: {rmse: 12.5}}), whatever the tests say. A check
     * without a quality section breaches none; neither does a metric that could not be computed.
     *
     * @param anyFailedTest whether any failed test breaches
     * @param degraded the metrics whose failed degradation test breaches; empty for none
     * @param bounds the bounds on current values, in the order given; empty for none
     */
    public record ModelQuality(boolean anyFailedTest, List<QualityMetric> degraded, List<Bound> bounds) {
        /** Any failed test breaches ({@code quality: true}). */
        public static final ModelQuality ANY_FAILED_TEST = new ModelQuality(true, List.of(), List.of());

        public ModelQuality {
            degraded = List.copyOf(degraded);
            bounds = List.copyOf(bounds);
        }

        /** Which side of a bound breaches. */
        public enum Side {
            /** Strictly below the bound: {@code below: {accuracy: 0.8}}. */
            BELOW("below"),
            /** Strictly above the bound: {@code above: {rmse: 12.5}}. */
            ABOVE("above");

            private final String label;

            Side(String label) {
                this.label = label;
            }

            /** The key in a monitor definition, and the word in alerts. */
            public String label() {
                return label;
            }
        }

        /**
         * An absolute bound on the current value of a metric (for a mean-and-deviation metric, its mean).
         *
         * @param metric the metric
         * @param side which side of {@code value} breaches
         * @param value the bound, in the metric's units
         */
        public record Bound(QualityMetric metric, Side side, double value) {
            public Bound {
                Objects.requireNonNull(metric, "metric");
                Objects.requireNonNull(side, "side");
            }

            /** Whether {@code current} is past the bound (NaN never is). */
            public boolean crossedBy(double current) {
                return side == Side.BELOW ? current < value : current > value;
            }
        }

        /** Whether the check's quality section (if it has one) has a result this selects. */
        public boolean breachedBy(Sections sections) {
            return !breaches(sections).isEmpty();
        }

        /**
         * What the check's quality section breaches: {@link Breach#MODEL_DEGRADED} for a failed
         * degradation test this selects, {@link Breach#MODEL_QUALITY} for a failed Evidently test (with
         * {@code anyFailedTest}) or a crossed bound. A new set on every call.
         */
        public Set<Breach> breaches(Sections sections) {
            Set<Breach> out = EnumSet.noneOf(Breach.class);
            Optional<QualityResult> found = sections.find(QualityResult.class);
            if (found.isEmpty()) {
                return out;
            }
            QualityResult quality = found.get();
            for (DegradationTest t : quality.degradation()) {
                if (t.failed() && (anyFailedTest || degraded.contains(t.metric()))) {
                    out.add(Breach.MODEL_DEGRADED);
                }
            }
            if (anyFailedTest) {
                for (MetricTest t : quality.tests()) {
                    if (t.status().failed()) {
                        out.add(Breach.MODEL_QUALITY);
                    }
                }
            }
            if (!crossed(quality).isEmpty()) {
                out.add(Breach.MODEL_QUALITY);
            }
            return out;
        }

        /** The bounds the current batch's metrics cross, in the order given. */
        public List<Bound> crossed(QualityResult quality) {
            List<Bound> out = new ArrayList<>();
            for (Bound b : bounds) {
                MetricValue v = quality.current().metric(b.metric());
                if (v != null && v.ok() && b.crossedBy(v.value())) {
                    out.add(b);
                }
            }
            return out;
        }
    }

    /**
     * Which estimates of the estimate section breach ({@code when: {estimate: …}}): a metric estimated
     * without labels (CBPE for a classifier, DLE for a regression) whose estimate left its thresholds in
     * any chunk of the check, as NannyML raises an alert per chunk; {@code estimate: true} watches every
     * metric the monitor estimates, {@code estimate: {metrics: [roc_auc]}} only those. A check without
     * an estimate section, or whose estimation failed, breaches none.
     *
     * @param metrics the metrics (Driftwatch's names: {@code roc_auc}, {@code f1_score}, {@code mae}…)
     *     that breach; empty for any
     */
    public record Estimate(List<String> metrics) {
        /** Any estimated metric breaches ({@code estimate: true}). */
        public static final Estimate ANY = new Estimate(List.of());

        public Estimate {
            metrics = List.copyOf(metrics);
        }

        /** The estimates of the check this selects that alerted in some chunk, in the section's order. */
        public List<MetricEstimates> alerting(Sections sections) {
            Optional<EstimateResult> found = sections.find(EstimateResult.class);
            List<MetricEstimates> out = new ArrayList<>();
            if (found.isPresent()) {
                for (MetricEstimates m : found.get().metrics()) {
                    if (m.alerts() && (metrics.isEmpty() || metrics.contains(m.metric()))) {
                        out.add(m);
                    }
                }
            }
            return out;
        }
    }

    /**
     * Which methods of the multivariate section breach ({@code when: {multivariate: …}}): a method
     * (PCA reconstruction error, domain classifier) that alerted in any chunk of the check;
     * {@code multivariate: true} watches every method the monitor runs, {@code {methods: [pca]}} only
     * those. A check without a multivariate section breaches none.
     *
     * @param methods the methods that breach; empty for any
     */
    public record Multivariate(List<MultivariateOptions.Method> methods) {
        /** Any method breaches ({@code multivariate: true}). */
        public static final Multivariate ANY = new Multivariate(List.of());

        public Multivariate {
            methods = List.copyOf(methods);
        }

        /** The methods this selects that alerted in some chunk of the check, PCA first. */
        public List<MultivariateOptions.Method> alerting(Sections sections) {
            Optional<MultivariateResult> found = sections.find(MultivariateResult.class);
            List<MultivariateOptions.Method> out = new ArrayList<>();
            if (found.isPresent()) {
                MultivariateResult r = found.get();
                if (r.pca() != null && r.pca().alerts() && selects(MultivariateOptions.Method.PCA)) {
                    out.add(MultivariateOptions.Method.PCA);
                }
                if (r.domainClassifier() != null && r.domainClassifier().alerts()
                        && selects(MultivariateOptions.Method.DOMAIN_CLASSIFIER)) {
                    out.add(MultivariateOptions.Method.DOMAIN_CLASSIFIER);
                }
            }
            return out;
        }

        private boolean selects(MultivariateOptions.Method method) {
            return methods.isEmpty() || methods.contains(method);
        }
    }
}
