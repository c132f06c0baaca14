package org.hazardloop.security;

import java.security.Principal;
import java.util.List;

/**
 * The user a request is made by, as the engine's identity knows them: the principal of an authenticated
 * {@code /api} or {@code /engine-rest} request. Group ids are department codes (and system groups such as
 * {@code camunda-admin}).
 */
public record EngineUser(String userId, List<String> groupIds, List<String> tenantIds) implements Principal {

    public EngineUser {
        groupIds = List.copyOf(groupIds);
        tenantIds = List.copyOf(tenantIds);
    }

    @Override
    public String getName() {
        return userId;
    }
}
