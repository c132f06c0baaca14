package org.hazardloop.tasklist;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the shared Tasklist filters on first start. A filter is looked up by name and left alone when it
 * exists, so a restart changes nothing and an administrator's edits in Tasklist are kept.
 */
@Component
@Order(30)
public class TasklistFilterSetup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TasklistFilterSetup.class);

    private final FilterService filterService;
    private final AuthorizationService authorizationService;
    private final HazardTaskFilters filters;

    public TasklistFilterSetup(FilterService filterService, AuthorizationService authorizationService,
                               HazardTaskFilters filters) {
        this.filterService = filterService;
        this.authorizationService = authorizationService;
        this.filters = filters;
    }

    @Override
    @Transactional // a filter and its authorization are created together or not at all
    public void run(ApplicationArguments args) {
        for (TaskFilterDefinition definition : filters.definitions()) {
            if (filterService.createFilterQuery().filterName(definition.name()).count() == 0) {
                create(definition);
            }
        }
    }

    private void create(TaskFilterDefinition definition) {
        Filter filter = filterService.newTaskFilter(definition.name())
                .setQuery(definition.query())
                .setProperties(definition.properties());
        filterService.saveFilter(filter);
        allowEveryoneToRead(filter.getId());
        log.info("Tasklist filter created: {}", definition.name());
    }

    /**
     * A filter without an owner is shared, but once authorization checks are on, users see only the filters
     * they may read: grant that to everyone now, so turning the checks on later does not hide the filters.
     * The tasks inside stay subject to each user's task permissions.
     */
    private void allowEveryoneToRead(String filterId) {
        Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
        authorization.setUserId(Authorization.ANY);
        authorization.setResource(Resources.FILTER);
        authorization.setResourceId(filterId);
        authorization.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(authorization);
    }
}
