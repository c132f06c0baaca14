package org.hazardloop.security;

import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes GRANT authorizations so that a group or user ends up with at least the given permissions on a resource.
 * Callers run it through {@link EngineSystemCalls}: the grants follow from the organisation, not from the rights
 * of whoever is logged in.
 * <p>
 * The engine keeps one authorization per (group or user, resource, resource id) and the database refuses a second
 * one. A grant written earlier in the same engine command is not yet in the database, so a query does not find it;
 * the grants of the current transaction are therefore remembered, and a second grant of the same kind is not
 * written again.
 */
@Component
public class EngineGrants {

    private static final String WRITTEN = EngineGrants.class.getName() + ".written";

    private final AuthorizationService authorizations;

    public EngineGrants(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    public void toGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
        grant(groupId, null, resource, resourceId, permissions);
    }

    public void toUser(String userId, Resource resource, String resourceId, Permission... permissions) {
        grant(null, userId, resource, resourceId, permissions);
    }

    /**
     * For a resource created in the current engine command (a task being created): nobody but the engine's own
     * grants to its candidates can hold an authorization on it yet, so none is looked for — one query less per
     * grant on the path every task takes. Not for a task's candidate groups.
     */
    public void toGroupOnNew(String groupId, Resource resource, String resourceId, Permission... permissions) {
        grant(groupId, null, resource, resourceId, true, permissions);
    }

    private void grant(String groupId, String userId, Resource resource, String resourceId, Permission... permissions) {
        grant(groupId, userId, resource, resourceId, false, permissions);
    }

    private void grant(String groupId, String userId, Resource resource, String resourceId, boolean isNew,
                       Permission... permissions) {
        String key = (groupId == null ? "user:" + userId : "group:" + groupId) + "|" + resource.resourceName() + "|"
                + resourceId;
        Set<String> written = writtenInThisTransaction();
        if (written.contains(key)) {
            return;
        }
        Authorization existing = null;
        if (!isNew) {
            var query = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                    .resourceType(resource).resourceId(resourceId);
            existing = (groupId == null ? query.userIdIn(userId) : query.groupIdIn(groupId)).singleResult();
        }
        Authorization authorization = existing;
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setUserId(userId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = existing == null;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(authorization);
        }
        written.add(key);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> writtenInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashSet<>();
        }
        Set<String> written = (Set<String>) TransactionSynchronizationManager.getResource(WRITTEN);
        if (written == null) {
            written = new HashSet<>();
            TransactionSynchronizationManager.bindResource(WRITTEN, written);
            TransactionSynchronizationManager.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(WRITTEN);
                }
            });
        }
        return written;
    }
}
