package org.hazardloop.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrgUnitTest {

    @Test
    void listsItselfAndItsAncestorsNearestFirst() {
        OrgUnit village = new OrgUnit("V01", "新华社区", OrgLevel.VILLAGE, "T01", "/C01/D01/T01/V01/");

        assertThat(village.selfAndAncestors()).containsExactly("V01", "T01", "D01", "C01");
    }
}
