package org.hazardloop.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class OrganizationDirectoryTest extends TestGridTest {

    @Autowired
    OrganizationDirectory directory;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aVillageOrEnterpriseResolvesToItsTownsSafetyOffice() {
        assertThat(directory.safetyOfficeFor("V01")).map(Department::code).contains("T01-SAFETY");
        assertThat(directory.safetyOfficeFor("E01")).map(Department::code).contains("T01-SAFETY");
        assertThat(directory.safetyOfficeFor("V02")).map(Department::code).contains("T02-SAFETY");
        assertThat(directory.safetyOfficeFor("T01")).map(Department::code).contains("T01-SAFETY");
    }

    @Test
    void aUnitWithoutItsOwnOfficeResolvesToTheNearestAncestorsOffice() {
        writer.addUnit(grid.code("C"), "测试市", OrgLevel.CITY, null);
        writer.addUnit(grid.code("D"), "测试区", OrgLevel.DISTRICT, grid.code("C"));
        writer.addUnit(grid.code("T"), "测试镇", OrgLevel.TOWN, grid.code("D"));
        writer.addUnit(grid.code("V"), "测试村", OrgLevel.VILLAGE, grid.code("T"));
        writer.addDepartment(grid.code("C-SAFETY"), "测试市安委办", grid.code("C"), DepartmentKind.SAFETY_OFFICE);
        // the district has an industry department but no safety office
        writer.addDepartment(grid.code("D-FIRE"), "测试区消防", grid.code("D"), DepartmentKind.INDUSTRY);

        assertThat(directory.safetyOfficeFor(grid.code("V"))).map(Department::code).contains(grid.code("C-SAFETY"));
        assertThat(directory.safetyOfficesOver(grid.code("V"))).extracting(Department::code)
                .containsExactly(grid.code("C-SAFETY"));

        // the directory keeps what it read: a department added through the writer is seen at once all the same
        writer.addDepartment(grid.code("T-SAFETY"), "测试镇安委办", grid.code("T"), DepartmentKind.SAFETY_OFFICE);
        assertThat(directory.safetyOfficeFor(grid.code("V"))).map(Department::code).contains(grid.code("T-SAFETY"));
        assertThat(directory.safetyOfficesOver(grid.code("V"))).extracting(Department::code)
                .containsExactly(grid.code("C-SAFETY"), grid.code("T-SAFETY"));
        // one level up from the town office skips the district, which has none, to the city office
        assertThat(directory.supervisingSafetyOffice(grid.code("T-SAFETY"))).map(Department::code)
                .contains(grid.code("C-SAFETY"));
    }

    @Test
    void anOfficeAddedByAnotherInstanceSharingTheDatabaseOverseesTheUnitAtOnce() {
        writer.addUnit(grid.code("C"), "测试市", OrgLevel.CITY, null);
        writer.addUnit(grid.code("T"), "测试镇", OrgLevel.TOWN, grid.code("C"));
        writer.addDepartment(grid.code("C-SAFETY"), "测试市安委办", grid.code("C"), DepartmentKind.SAFETY_OFFICE);
        assertThat(directory.safetyOfficesOver(grid.code("T"))).extracting(Department::code)
                .containsExactly(grid.code("C-SAFETY"));

        // another instance's writer: the row is in the database, this directory was told nothing
        jdbc.sql("INSERT INTO hl_department (code, name, unit_code, kind) VALUES (:code, '测试镇安委办', :unit, 'SAFETY_OFFICE')")
                .param("code", grid.code("T-SAFETY")).param("unit", grid.code("T")).update();

        assertThat(directory.safetyOfficesOver(grid.code("T"))).extracting(Department::code)
                .containsExactly(grid.code("C-SAFETY"), grid.code("T-SAFETY"));
        assertThat(directory.safetyOfficeFor(grid.code("T"))).map(Department::code).contains(grid.code("T-SAFETY"));
    }

    @Test
    void withinOneTransactionTheOfficesStandUnlessTheTransactionAddsOne() {
        writer.addUnit(grid.code("C"), "测试市", OrgLevel.CITY, null);
        writer.addUnit(grid.code("T"), "测试镇", OrgLevel.TOWN, grid.code("C"));
        writer.addDepartment(grid.code("C-SAFETY"), "测试市安委办", grid.code("C"), DepartmentKind.SAFETY_OFFICE);

        transaction.executeWithoutResult(status -> {
            assertThat(directory.safetyOfficesOver(grid.code("T"))).extracting(Department::code)
                    .containsExactly(grid.code("C-SAFETY"));
            // what this transaction adds through the writer counts at once, for the next task it creates
            writer.addDepartment(grid.code("T-SAFETY"), "测试镇安委办", grid.code("T"), DepartmentKind.SAFETY_OFFICE);
            assertThat(directory.safetyOfficesOver(grid.code("T"))).extracting(Department::code)
                    .containsExactly(grid.code("C-SAFETY"), grid.code("T-SAFETY"));
            assertThat(directory.safetyOfficeFor(grid.code("T"))).map(Department::code).contains(grid.code("T-SAFETY"));
        });
        // and after the transaction, a fresh read finds the same
        assertThat(directory.safetyOfficesOver(grid.code("T"))).extracting(Department::code)
                .containsExactly(grid.code("C-SAFETY"), grid.code("T-SAFETY"));
    }

    @Test
    void aTownOfficeIsSupervisedByTheDistrictOfficeAndTheTopByNobody() {
        assertThat(directory.supervisingSafetyOffice("T01-SAFETY")).map(Department::code).contains("D01-SAFETY");
        assertThat(directory.supervisingSafetyOffice("T02-SAFETY")).map(Department::code).contains("D01-SAFETY");
        assertThat(directory.supervisingSafetyOffice("D01-SAFETY")).map(Department::code).contains("C01-SAFETY");
        assertThat(directory.supervisingSafetyOffice("C01-SAFETY")).isEmpty();
    }

    @Test
    void unknownCodesResolveToNothing() {
        assertThat(directory.safetyOfficeFor(grid.code("NOWHERE"))).isEmpty();
        assertThat(directory.supervisingSafetyOffice(grid.code("NO-OFFICE"))).isEmpty();
    }

    @Test
    void aSubtreeIsTheUnitAndItsDescendantsOnly() {
        // '_' is a LIKE wildcard: the subtree of A_1 must not take in the sibling AX1
        writer.addUnit(grid.code("A_1"), "甲", OrgLevel.CITY, null);
        writer.addUnit(grid.code("A_1-T"), "甲镇", OrgLevel.TOWN, grid.code("A_1"));
        writer.addUnit(grid.code("AX1"), "乙", OrgLevel.CITY, null);
        writer.addUnit(grid.code("AX1-T"), "乙镇", OrgLevel.TOWN, grid.code("AX1"));
        writer.addDepartment(grid.code("AX1-T-SAFETY"), "乙镇安委办", grid.code("AX1-T"), DepartmentKind.SAFETY_OFFICE);

        OrgUnit root = directory.unit(grid.code("A_1")).orElseThrow();
        assertThat(directory.unitsUnder(root)).extracting(OrgUnit::code)
                .containsExactly(grid.code("A_1"), grid.code("A_1-T"));
        assertThat(directory.departmentsUnder(root)).isEmpty();
    }
}
