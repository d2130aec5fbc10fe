package dev.panthera.deploy.provider.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelValuesTest {

    @Test
    void keepsValidValuesAndCutsOthersToTheLabelRules() {
        assertThat(LabelValues.safe("42")).isEqualTo("42");
        assertThat(LabelValues.safe("dev/collection")).isEqualTo("dev-collection");
        String uint256 = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        assertThat(LabelValues.safe(uint256)).hasSize(63).isEqualTo(uint256.substring(0, 63));
        assertThat(LabelValues.safe("-_x.y_-")).isEqualTo("x.y");
        assertThat(LabelValues.safe(null)).isEmpty();
    }
}
