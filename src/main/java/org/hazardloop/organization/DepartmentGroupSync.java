package org.hazardloop.organization;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At every start, gives each department in {@code hl_department} its Camunda group. Production loads
 * departments by SQL (the demo seeder is off there), and a department without its group could never be a
 * candidate group in Tasklist. Runs after the demo seeder, so it also covers whatever that added.
 */
@Component
@Order(20)
public class DepartmentGroupSync implements ApplicationRunner {

    private final OrganizationWriter writer;

    public DepartmentGroupSync(OrganizationWriter writer) {
        this.writer = writer;
    }

    @Override
    public void run(ApplicationArguments args) {
        writer.syncDepartmentGroups();
    }
}
