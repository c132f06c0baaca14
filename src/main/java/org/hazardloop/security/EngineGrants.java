package org.hazardloop.security;

import java.util.Collection;
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
        grant(groupId, null, resource, resourceId, false, permissions);
    }

    public void toUser(String userId, Resource resource, String resourceId, Permission... permissions) {
        grant(null, userId, resource, resourceId, false, permissions);
    }

    /**
     * For a resource created in the current engine command (a task being created): nobody but the engine's own
     * grants to its candidates can hold an authorization on it yet, so none is looked for — one query less per
     * grant on the path every task takes. Not for a task's candidate groups.
     */
    public void toGroupOnNew(String groupId, Resource resource, String resourceId, Permission... permissions) {
        grant(groupId, null, resource, resourceId, true, permissions);
    }

    /**
     * {@link #toGroupOnNew} for each group and the same for the user (if any): for a resource created in the current
     * transaction, which nobody holds a grant on yet.
     */
    public void toGroupsAndUserOnNew(Collection<String> groupIds, String userId, Resource resource, String resourceId,
                                     Permission... permissions) {
        groupIds.forEach(group -> grant(group, null, resource, resourceId, true, permissions));
        if (userId != null) {
            grant(null, userId, resource, resourceId, true, permissions);
        }
    }

    /**
     * Adds permissions to the group's grant on the resource if it has one, for the grant the engine itself writes to
     * a task's candidate group. Returns whether there was one to find: there is none while the engine command that
     * creates the task is still running, and none once the task is gone.
     */
    public boolean toExistingGroupGrant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Principal group = new Principal(groupId, null);
        Authorization existing = find(group, resource, resourceId);
        if (existing != null) {
            save(existing, group, resource, resourceId, permissions);
        }
        return existing != null;
    }

    private void grant(String groupId, String userId, Resource resource, String resourceId, boolean isNew,
                       Permission... permissions) {
        Principal principal = new Principal(groupId, userId);
        Set<String> written = writtenInThisTransaction();
        if (written.contains(principal.key(resource, resourceId))) {
            return;
        }
        save(isNew ? null : find(principal, resource, resourceId), principal, resource, resourceId, permissions);
        written.add(principal.key(resource, resourceId));
    }

    private Authorization find(Principal principal, Resource resource, String resourceId) {
        var query = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .resourceType(resource).resourceId(resourceId);
        return (principal.groupId() == null ? query.userIdIn(principal.userId()) : query.groupIdIn(principal.groupId()))
                .singleResult();
    }

    /** Writes the grant, or adds what the existing one lacks; writes nothing when it already has all. */
    private void save(Authorization existing, Principal principal, Resource resource, String resourceId,
                      Permission... permissions) {
        Authorization authorization = existing;
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(principal.groupId());
            authorization.setUserId(principal.userId());
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
    }

    /** A group or a user: the engine keeps one authorization per principal, resource and resource id. */
    private record Principal(String groupId, String userId) {
        String key(Resource resource, String resourceId) {
            return (groupId == null ? "user:" + userId : "group:" + groupId) + "|" + resource.resourceName() + "|"
                    + resourceId;
        }
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
