package org.sotay.core.rest.internal;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.sotay.core.api.Api;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.AuthenticationProvider;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.PublicEndpoint;
import org.sotay.core.api.security.RequiresPermission;

/**
 * Fails closed: a resource method that is not {@link PublicEndpoint} needs credentials that an
 * {@link AuthenticationProvider} accepts; with no provider installed, nothing but public
 * endpoints answers. A method's {@link RequiresPermission} is checked here; unit scope is the
 * service's job, in its queries.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {
    private final List<Ranked> providers = new CopyOnWriteArrayList<>();

    @Context
    ResourceInfo resourceInfo;

    private record Ranked(AuthenticationProvider provider, int ranking, long id) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(AuthenticationProvider provider, Map<String, Object> props) {
        Object r = props.get(Constants.SERVICE_RANKING);
        providers.add(new Ranked(provider, r instanceof Integer i ? i : 0, (Long) props.get(Constants.SERVICE_ID)));
        providers.sort((a, b) -> a.ranking != b.ranking ? Integer.compare(b.ranking, a.ranking) : Long.compare(a.id, b.id));
    }

    void removeProvider(AuthenticationProvider provider) {
        providers.removeIf(r -> r.provider == provider);
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo.getResourceClass();
        boolean isPublic = annotation(method, type, PublicEndpoint.class) != null;

        Caller caller = authenticate(ctx.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse(null);
        if (caller == null) {
            if (!isPublic) {
                throw new SotayException(ProblemType.UNAUTHORIZED, Text.of(
                        "Thiếu hoặc sai thông tin đăng nhập.", "Missing or invalid credentials."));
            }
            caller = Caller.ANONYMOUS;
        }
        CallerContextImpl.set(caller);

        RequiresPermission needed = annotation(method, type, RequiresPermission.class);
        if (needed != null && !caller.has(needed.value())) {
            throw SotayException.forbidden(Text.of("Bạn không có quyền " + needed.value() + ".",
                    "You do not hold the permission " + needed.value() + "."));
        }
    }

    private Optional<Caller> authenticate(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        int space = header.indexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space);
        String credentials = header.substring(space + 1).strip();
        for (Ranked r : providers) {
            if (r.provider.supports(scheme)) {
                Optional<Caller> caller = r.provider.authenticate(scheme, credentials);
                if (caller.isPresent()) {
                    return caller;
                }
            }
        }
        return Optional.empty();
    }

    static <A extends java.lang.annotation.Annotation> A annotation(Method method, Class<?> type, Class<A> annotation) {
        A a = method == null ? null : method.getAnnotation(annotation);
        return a != null || type == null ? a : type.getAnnotation(annotation);
    }
}
