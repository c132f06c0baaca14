package org.hazardloop.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks a user name and password against the engine's identity ({@link IdentityService#checkPassword}), the
 * same users, passwords, lockout after failed attempts and groups that Tasklist's login uses. The principal is an
 * {@link EngineUser}; each group becomes the authority {@code GROUP_<id>}.
 */
public class EngineIdentityAuthenticationProvider implements AuthenticationProvider {

    public static final String GROUP_AUTHORITY_PREFIX = "GROUP_";

    private final EngineSystemCalls system;
    private final IdentityService identityService;

    public EngineIdentityAuthenticationProvider(IdentityService identityService, EngineSystemCalls system) {
        this.identityService = identityService;
        this.system = system;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? null : credentials.toString();
        if (userId == null || userId.isBlank() || password == null || password.isEmpty()) {
            throw new BadCredentialsException("用户名或密码为空");
        }
        EngineUser user = system.call(() -> {
            if (!identityService.checkPassword(userId, password)) {
                return null;
            }
            List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                    .map(Group::getId).toList();
            List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
                    .list().stream().map(Tenant::getId).toList();
            return new EngineUser(userId, groups, tenants);
        });
        if (user == null) {
            // Never says which of the two was wrong, nor whether the user exists.
            throw new BadCredentialsException("用户名或密码错误");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.groupIds().stream()
                .map(group -> new SimpleGrantedAuthority(GROUP_AUTHORITY_PREFIX + group)).toList());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
