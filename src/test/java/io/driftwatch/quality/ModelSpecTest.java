package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;
import io.driftwatch.analysis.ModelTask;
import io.driftwatch.analysis.ModelSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

    @Test
    void defaultsPosLabelToOneAsEvidentlyDoes() {
        ModelSpec spec = ModelSpec.binary("y", "p", null);
        assertThat(spec.posLabel()).isNull();
        assertThat(spec.effectivePosLabel()).isEqualTo(ClassLabel.ofInteger(1));
        assertThat(spec.probasThreshold()).isEmpty();
    }

    @Test
    void refusesARegressionWithoutPrediction() {
        assertThatThrownBy(() -> new ModelSpec(ModelTask.REGRESSION, "y", null, null, Map.of(), null,
                OptionalDouble.empty())).hasMessageStartingWith("prediction:");
    }

    @Test
    void refusesProbabilitiesOrPosLabelForARegression() {
        assertThatThrownBy(() -> new ModelSpec(ModelTask.REGRESSION, "y", "p", "proba", Map.of(), null,
                OptionalDouble.empty())).hasMessageStartingWith("probabilities:");
        assertThatThrownBy(() -> new ModelSpec(ModelTask.REGRESSION, "y", "p", null, Map.of(), ClassLabel.ofInteger(1),
                OptionalDouble.empty())).hasMessageStartingWith("pos_label:");
    }

    @Test
    void refusesABinaryClassifierWithoutPrediction() {
        assertThatThrownBy(() -> ModelSpec.binary("y", null, null)).hasMessageStartingWith("prediction:");
    }

    @Test
    void refusesAMulticlassClassifierWithTwoProbabilityColumns() {
        Map<String, String> two = new LinkedHashMap<>();
        two.put("a", "pa");
        two.put("b", "pb");
        assertThatThrownBy(() -> ModelSpec.multiclass("y", null, two))
                .hasMessage("probabilities: a multiclass classifier needs at least 3 classes, got 2");
    }

    @Test
    void refusesAThresholdOutsideZeroToOneOrForAMulticlassClassifier() {
        assertThatThrownBy(() -> ModelSpec.binary("y", null, "p").withProbasThreshold(1.5))
                .hasMessage("probas_threshold: must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> ModelSpec.multiclass("y", "p", Map.of()).withProbasThreshold(0.3))
                .hasMessageStartingWith("probas_threshold:");
    }

    @Test
    void refusesABlankColumnName() {
        assertThatThrownBy(() -> ModelSpec.binary(" ", "p", null)).hasMessage("target: a column name is required");
    }

    @Test
    void keepsTheOrderOfTheClassProbabilityColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("cat", "p_cat");
        columns.put("ant", "p_ant");
        columns.put("bee", "p_bee");
        assertThat(ModelSpec.multiclass("y", null, columns).classProbabilities().keySet())
                .containsExactly("cat", "ant", "bee");
        assertThat(ModelSpec.multiclass("y", null, columns).hasProbabilities()).isTrue();
    }
}
