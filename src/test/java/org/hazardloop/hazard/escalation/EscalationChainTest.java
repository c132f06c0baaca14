package org.hazardloop.hazard.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.hazardloop.organization.Department;
import org.hazardloop.organization.DepartmentKind;
import org.hazardloop.organization.OrgLevel;
import org.hazardloop.organization.OrgUnit;
import org.junit.jupiter.api.Test;

/** Who is told at each level when a deadline slips, worked out from the grid alone. */
class EscalationChainTest {

    private static final OrgUnit CITY = new OrgUnit("C01", "江城市", OrgLevel.CITY, null, "/C01/");
    private static final OrgUnit DISTRICT = new OrgUnit("D01", "江北区", OrgLevel.DISTRICT, "C01", "/C01/D01/");
    private static final OrgUnit TOWN = new OrgUnit("T01", "长安镇", OrgLevel.TOWN, "D01", "/C01/D01/T01/");
    private static final OrgUnit VILLAGE = new OrgUnit("V01", "新华社区", OrgLevel.VILLAGE, "T01", "/C01/D01/T01/V01/");

    private static final Department CITY_OFFICE = office("C01-SAFETY", "C01");
    private static final Department DISTRICT_OFFICE = office("D01-SAFETY", "D01");
    private static final Department TOWN_OFFICE = office("T01-SAFETY", "T01");
    private static final Department TOWN_FIRE = new Department("T01-FIRE", "长安镇消防工作站", "T01", DepartmentKind.INDUSTRY);

    @Test
    void aTownDepartmentEscalatesToItsTownsOfficeThenUpTheGridToTheCity() {
        EscalationChain chain = EscalationChain.of(TOWN_FIRE, List.of(TOWN, DISTRICT, CITY),
                Map.of("T01", TOWN_OFFICE, "D01", DISTRICT_OFFICE, "C01", CITY_OFFICE));

        assertThat(chain.targets()).containsExactly(
                new EscalationTarget(0, "T01-FIRE", "T01", OrgLevel.TOWN),
                new EscalationTarget(1, "T01-SAFETY", "T01", OrgLevel.TOWN),
                new EscalationTarget(2, "D01-SAFETY", "D01", OrgLevel.DISTRICT),
                new EscalationTarget(3, "C01-SAFETY", "C01", OrgLevel.CITY));
        assertThat(chain.department().department()).isEqualTo("T01-FIRE");
        assertThat(chain.topLevel()).isEqualTo(3);
        assertThat(chain.above(0)).map(EscalationTarget::department).contains("T01-SAFETY");
        assertThat(chain.above(2)).map(EscalationTarget::department).contains("C01-SAFETY");
        assertThat(chain.above(3)).as("nobody above the city").isEmpty();
    }

    @Test
    void aUnitWithoutASafetyOfficeIsPassedOver() {
        Department villageCommittee = new Department("V01-GAS", "社区燃气站", "V01", DepartmentKind.INDUSTRY);

        EscalationChain chain = EscalationChain.of(villageCommittee, List.of(VILLAGE, TOWN, DISTRICT, CITY),
                Map.of("T01", TOWN_OFFICE, "D01", DISTRICT_OFFICE, "C01", CITY_OFFICE));

        assertThat(chain.targets()).extracting(EscalationTarget::department)
                .containsExactly("V01-GAS", "T01-SAFETY", "D01-SAFETY", "C01-SAFETY");
        assertThat(chain.targets()).extracting(EscalationTarget::gridLevel)
                .containsExactly(OrgLevel.VILLAGE, OrgLevel.TOWN, OrgLevel.DISTRICT, OrgLevel.CITY);
    }

    @Test
    void aSafetyOfficeThatIsItselfResponsibleIsNotToldTwice() {
        EscalationChain chain = EscalationChain.of(DISTRICT_OFFICE, List.of(DISTRICT, CITY),
                Map.of("D01", DISTRICT_OFFICE, "C01", CITY_OFFICE));

        assertThat(chain.targets()).extracting(EscalationTarget::department).containsExactly("D01-SAFETY", "C01-SAFETY");
    }

    @Test
    void atTheTopOfTheGridThereIsNothingToEscalateTo() {
        Department cityFire = new Department("C01-FIRE", "江城市消防救援支队", "C01", DepartmentKind.INDUSTRY);

        EscalationChain withOffice = EscalationChain.of(cityFire, List.of(CITY), Map.of("C01", CITY_OFFICE));
        EscalationChain withoutOffice = EscalationChain.of(cityFire, List.of(CITY), Map.of());

        assertThat(withOffice.topLevel()).isEqualTo(1);
        assertThat(withoutOffice.topLevel()).isZero();
        assertThat(withoutOffice.above(0)).isEmpty();
    }

    @Test
    void theUnitsMustStartAtTheDepartmentsOwnUnit() {
        assertThatThrownBy(() -> EscalationChain.of(TOWN_FIRE, List.of(DISTRICT, CITY), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Department office(String code, String unit) {
        return new Department(code, code + " 安委办", unit, DepartmentKind.SAFETY_OFFICE);
    }
}
