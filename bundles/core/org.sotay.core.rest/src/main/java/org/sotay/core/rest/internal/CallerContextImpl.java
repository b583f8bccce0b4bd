package org.sotay.core.rest.internal;

import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.ClientInfo;

/** The caller of the request on this thread, set by {@link AuthFilter} and cleared after the response. */
@Component(service = CallerContext.class)
public class CallerContextImpl implements CallerContext {
    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<ClientInfo> CLIENT = new ThreadLocal<>();

    static void set(Caller caller) {
        CURRENT.set(caller);
    }

    static void setClient(ClientInfo client) {
        CLIENT.set(client);
    }

    /** Whether this thread's request was made with valid credentials. */
    static boolean authenticated() {
        Caller c = CURRENT.get();
        return c != null && c != Caller.ANONYMOUS;
    }

    static void clear() {
        CURRENT.remove();
        CLIENT.remove();
    }

    @Override
    public ClientInfo client() {
        ClientInfo c = CLIENT.get();
        return c == null ? ClientInfo.NONE : c;
    }

    @Override
    public Caller current() {
        Caller c = CURRENT.get();
        return c == null ? Caller.ANONYMOUS : c;
    }

    @Override
    public <T> T runAs(Caller caller, Callable<T> work) throws Exception {
        Caller previous = CURRENT.get();
        CURRENT.set(caller);
        try {
            return work.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
