package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels follow Python's equality, printing and ordering, which Evidently's messages and keys rely on. */
class ClassLabelTest {

    @Test
    void numbersOfAnyKindAreEqualByValueButNeverEqualToText() {
        assertThat(ClassLabel.ofInteger(1).matches(ClassLabel.ofFloat(1.0))).isTrue();
        assertThat(ClassLabel.ofInteger(1).matches(ClassLabel.ofBoolean(true))).isTrue();
        assertThat(ClassLabel.ofInteger(1).matches(ClassLabel.ofText("1"))).isFalse();
        assertThat(ClassLabel.ofFloat(-0.0)).isEqualTo(ClassLabel.ofFloat(0.0));
    }

    @Test
    void printsAsPythonsStrAndRepr() {
        assertThat(ClassLabel.ofInteger(7)).hasToString("7");
        assertThat(ClassLabel.ofFloat(1.0)).hasToString("1.0");
        assertThat(ClassLabel.ofFloat(1e-5)).hasToString("1e-05");
        assertThat(ClassLabel.ofFloat(1e16)).hasToString("1e+16");
        assertThat(ClassLabel.ofFloat(123456.75)).hasToString("123456.75");
        assertThat(ClassLabel.ofFloat(0.001)).hasToString("0.001");
        assertThat(ClassLabel.ofBoolean(false)).hasToString("False");
        assertThat(ClassLabel.ofText(">50K").repr()).isEqualTo("'>50K'");
        assertThat(ClassLabel.ofText("it's").repr()).isEqualTo("\"it's\"");
        assertThat(ClassLabel.ofInteger(1).repr()).isEqualTo("1");
    }

    @Test
    void sortsNumbersByValueAndTextByCodePoint() {
        List<ClassLabel> labels = new ArrayList<>(List.of(ClassLabel.ofText("b"), ClassLabel.ofText("B"),
                ClassLabel.ofText("a")));
        Collections.sort(labels);
        assertThat(labels).extracting(ClassLabel::text).containsExactly("B", "a", "b");
        List<ClassLabel> numbers = new ArrayList<>(List.of(ClassLabel.ofInteger(10), ClassLabel.ofInteger(-2),
                ClassLabel.ofInteger(3)));
        Collections.sort(numbers);
        assertThat(numbers).extracting(ClassLabel::toString).containsExactly("-2", "3", "10");
    }

    @Test
    void refusesNaNAndFractionalIntegers() {
        assertThatThrownBy(() -> ClassLabel.ofFloat(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClassLabel(ClassLabel.Kind.INTEGER, 0.5, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
