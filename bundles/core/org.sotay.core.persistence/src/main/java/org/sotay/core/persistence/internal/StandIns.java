package org.sotay.core.persistence.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;

/**
 * Stand-ins for the services a module declares replaceable, so that replacing the module's
 * implementation at runtime restarts nobody. A provider lists the interfaces of its registration that
 * another bundle may replace in the service property {@value #REPLACEABLE} (registry.impl: the
 * organization tree, the member and unit services, the import, the directory). For each such interface
 * this component registers, once the first implementation appears, a stand-in of the highest ranking:
 * consumers bind to it and keep it. Each call goes to the best implementation registered at that moment
 * (the highest {@code service.ranking}), obtained through the consumer's own bundle context, so a
 * provider that checks who asks (the trusted directory) still sees the real consumer. When an
 * implementation leaves, calls go to the next one at once; while none is there (the gap of an
 * uninstall before an install), a call waits up to {@code waitSeconds} for one and then answers the
 * 503 problem. The stand-in stays until core stops: a consumer's static reference never breaks.
 */
@Component(service = {}, immediate = true, configurationPid = StandIns.PID)
@Designate(ocd = StandIns.Config.class)
public class StandIns {
    static final String PID = "org.sotay.core.standins";
    /** A provider's service property: the interface names of its registration that may be replaced at runtime. */
    public static final String REPLACEABLE = "sotay.replaceable";
    /** Marks a stand-in's registration, which is never itself stood in for. */
    static final String STAND_IN = "sotay.stand-in";
    private static final Logger LOG = LoggerFactory.getLogger(StandIns.class);
    private static final Text NONE = Text.of("Mô-đun cung cấp dịch vụ này đang được thay thế hoặc chưa chạy; hãy thử lại sau ít giây",
            "The module providing this service is being replaced or is not running; try again in a few seconds");

    @ObjectClassDefinition(id = PID, name = "Sotay stand-ins of replaceable services",
            description = "How long a call to a replaceable service (the registry's) waits while no implementation is registered")
    @interface Config {
        @AttributeDefinition(description = "Seconds a call waits for an implementation while a module is being replaced (then 503); 0 answers at once")
        int waitSeconds() default 20;
    }

    private final BundleContext context;
    private final Map<String, StandIn> standIns = new ConcurrentHashMap<>();
    private final ServiceTracker<Object, Object> declared;
    private volatile long waitMillis;
    private final ServiceRegistration<?> hooks;

    @Activate
    public StandIns(BundleContext context, Config config) throws InvalidSyntaxException {
        this.context = context;
        modified(config);
        // before anything is tracked: from now on no other bundle sees a replaceable implementation, only its stand-in
        this.hooks = context.registerService(new String[] { FindHook.class.getName(), EventListenerHook.class.getName() }, new Hooks(), null);
        this.declared = new ServiceTracker<>(context, context.createFilter("(&(" + REPLACEABLE + "=*)(!(" + STAND_IN + "=*)))"),
                new ServiceTrackerCustomizer<>() {
                    @Override
                    public Object addingService(ServiceReference<Object> ref) {
                        declare(ref);
                        return ref;
                    }

                    @Override
                    public void modifiedService(ServiceReference<Object> ref, Object o) {
                        declare(ref);
                    }

                    @Override
                    public void removedService(ServiceReference<Object> ref, Object o) {
                        // the stand-in stays: the next implementation is what it waits for
                    }
                });
        declared.open(true);
    }

    @Modified
    void modified(Config config) {
        this.waitMillis = TimeUnit.SECONDS.toMillis(Math.max(0, Math.min(300, config.waitSeconds())));
    }

    @Deactivate
    void deactivate() {
        hooks.unregister();
        declared.close();
        standIns.values().forEach(StandIn::close);
        standIns.clear();
    }

    private synchronized void declare(ServiceReference<?> ref) {
        for (String name : names(ref.getProperty(REPLACEABLE))) {
            if (standIns.containsKey(name)) {
                continue;
            }
            Class<?> type;
            try {
                type = ref.getBundle().loadClass(name);
            } catch (ClassNotFoundException | IllegalStateException e) {
                LOG.warn("{} of {} names {}, which it cannot load: no stand-in for it", REPLACEABLE, ref, name);
                continue;
            }
            if (!type.isInterface() || !java.util.Arrays.asList((String[]) ref.getProperty(Constants.OBJECTCLASS)).contains(name)) {
                LOG.warn("{} of {} names {}, which is not an interface it is registered under: no stand-in for it", REPLACEABLE, ref, name);
                continue;
            }
            StandIn s = new StandIn(name, type);
            if (standIns.putIfAbsent(name, s) == null) {
                s.open();
                LOG.info("{} is replaceable at runtime: its consumers are bound to a stand-in", name);
            }
        }
    }

    /** Whether another bundle must not see {@code ref} as {@code name}: a real implementation of a stood-in interface. */
    private boolean hidden(ServiceReference<?> ref, Bundle from) {
        if (ref.getProperty(STAND_IN) != null || standIns.isEmpty() || from == null || from.getBundleId() == 0
                || from.getBundleId() == context.getBundle().getBundleId()) {
            return false;
        }
        for (String c : (String[]) ref.getProperty(Constants.OBJECTCLASS)) {
            if (standIns.containsKey(c)) {
                return true;
            }
        }
        return false;
    }

    /** The stood-in interface names that a look-up (by class name or filter) asks for. */
    private boolean asksForStoodIn(String name, String filter) {
        if (name != null) {
            return standIns.containsKey(name);
        }
        if (filter == null) {
            return false;
        }
        for (String c : standIns.keySet()) {
            if (filter.contains(Constants.OBJECTCLASS + "=" + c + ")")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Consumers see only stand-ins: a look-up or a listener asking for a stood-in interface is not shown
     * its real implementations (they stay visible under their other interfaces: the registry's tree is
     * an event handler too). A replaceable registration is declared before its first event is delivered,
     * so the stand-in is there before any consumer could bind the implementation.
     */
    private final class Hooks implements FindHook, EventListenerHook {
        @Override
        public void find(BundleContext asking, String name, String filter, boolean allServices, java.util.Collection<ServiceReference<?>> refs) {
            if (!asksForStoodIn(name, filter)) {
                return;
            }
            Bundle b = asking.getBundle();
            refs.removeIf(ref -> hidden(ref, b) && offers(ref, name, filter));
        }

        @Override
        public void event(ServiceEvent event, Map<BundleContext, java.util.Collection<ListenerInfo>> listeners) {
            ServiceReference<?> ref = event.getServiceReference();
            if (event.getType() == ServiceEvent.REGISTERED && ref.getProperty(REPLACEABLE) != null && ref.getProperty(STAND_IN) == null) {
                declare(ref);
            }
            if (ref.getProperty(STAND_IN) != null || standIns.isEmpty()) {
                return;
            }
            for (Map.Entry<BundleContext, java.util.Collection<ListenerInfo>> e : listeners.entrySet()) {
                Bundle b = e.getKey().getBundle();
                if (hidden(ref, b)) {
                    e.getValue().removeIf(l -> asksForStoodIn(null, l.getFilter()) && offers(ref, null, l.getFilter()));
                }
            }
        }

        /** Whether {@code ref} is what the look-up asks for under a stood-in name (not under another of its interfaces). */
        private boolean offers(ServiceReference<?> ref, String name, String filter) {
            for (String c : (String[]) ref.getProperty(Constants.OBJECTCLASS)) {
                if (standIns.containsKey(c) && (c.equals(name) || (filter != null && filter.contains(Constants.OBJECTCLASS + "=" + c + ")")))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String[] names(Object value) {
        if (value instanceof String s) {
            return s.split("\\s*,\\s*");
        }
        if (value instanceof String[] a) {
            return a;
        }
        return new String[0];
    }

    /** The stand-in of one interface: the implementations registered under it, best first, and one proxy per consumer bundle. */
    final class StandIn implements ServiceFactory<Object> {
        private final String name;
        private final Class<?> type;
        private final ServiceTracker<Object, ServiceReference<Object>> implementations;
        private final Object lock = new Object();
        private volatile ServiceReference<Object> best;
        private ServiceRegistration<?> registration;

        StandIn(String name, Class<?> type) {
            this.name = name;
            this.type = type;
            ServiceTracker<Object, ServiceReference<Object>> t;
            try {
                t = new ServiceTracker<>(context, context.createFilter("(&(" + Constants.OBJECTCLASS + "=" + name + ")(!(" + STAND_IN + "=*)))"),
                        new ServiceTrackerCustomizer<>() {
                            @Override
                            public ServiceReference<Object> addingService(ServiceReference<Object> ref) {
                                choose();
                                return ref;
                            }

                            @Override
                            public void modifiedService(ServiceReference<Object> ref, ServiceReference<Object> same) {
                                choose();
                            }

                            @Override
                            public void removedService(ServiceReference<Object> ref, ServiceReference<Object> same) {
                                choose();
                            }
                        });
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(name, e);
            }
            this.implementations = t;
        }

        void open() {
            implementations.open(true);
            choose();
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
            props.put(STAND_IN, Boolean.TRUE);
            props.put(Constants.SERVICE_DESCRIPTION, "Sotay stand-in of " + name + " (calls go to its best implementation)");
            // registered in the name of the bundle that exports the interface (registry.api, core.api): every
            // consumer wired to that package may use it, and it outlives any implementation being replaced
            Bundle exporter = org.osgi.framework.FrameworkUtil.getBundle(type);
            BundleContext owner = exporter == null || exporter.getBundleContext() == null ? context : exporter.getBundleContext();
            registration = owner.registerService(name, this, props);
        }

        void close() {
            try {
                registration.unregister();
            } catch (IllegalStateException gone) {
                // core is stopping
            }
            implementations.close();
        }

        /** The tracker's view changed: pick the best implementation and wake the calls waiting for one. */
        private void choose() {
            ServiceReference<Object> b = null;
            ServiceReference<Object>[] all = implementations.getServiceReferences();
            if (all != null) {
                for (ServiceReference<Object> r : all) {
                    if (b == null || r.compareTo(b) > 0) {
                        b = r;
                    }
                }
            }
            synchronized (lock) {
                best = b;
                lock.notifyAll();
            }
        }

        /** The best implementation now, waiting up to waitSeconds for one. */
        ServiceReference<Object> current() {
            ServiceReference<Object> b = best;
            if (b != null) {
                return b;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            synchronized (lock) {
                while ((b = best) == null) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new SotayException(ProblemType.UNAVAILABLE, NONE);
                    }
                    try {
                        lock.wait(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SotayException(ProblemType.UNAVAILABLE, NONE);
                    }
                }
                return b;
            }
        }

        @Override
        public Object getService(Bundle consumer, ServiceRegistration<Object> reg) {
            ServiceReference<Object> b = best;
            if (b != null && consumer.getBundleContext() != null) {
                // a provider that refuses this consumer (the trusted directory) refuses it here too
                Object real = consumer.getBundleContext().getService(b);
                if (real == null) {
                    return null;
                }
                consumer.getBundleContext().ungetService(b);
            }
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, new Calls(this, consumer));
        }

        @Override
        public void ungetService(Bundle consumer, ServiceRegistration<Object> reg, Object proxy) {
            ((Calls) Proxy.getInvocationHandler(proxy)).release();
        }

        @Override
        public String toString() {
            return "stand-in of " + name;
        }
    }

    /** One consumer's proxy: each call on the implementation that is best now, obtained with the consumer's context. */
    static final class Calls implements InvocationHandler {
        private final StandIn standIn;
        private final Bundle consumer;
        private ServiceReference<Object> heldRef;
        private Object held;
        /** The reference and the service held, read without the lock on every call. */
        private volatile Object[] fast;

        Calls(StandIn standIn, Bundle consumer) {
            this.standIn = standIn;
            this.consumer = consumer;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> standIn + " for " + consumer.getSymbolicName();
                };
            }
            Object target = target();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private Object target() {
            Object[] h = fast;
            ServiceReference<Object> now = standIn.current();
            if (h != null && h[0] == now) {
                return h[1];
            }
            return slow(now);
        }

        private synchronized Object slow(ServiceReference<Object> now) {
            if (now != heldRef || held == null) {
                release();
                BundleContext ctx = consumer.getBundleContext();
                Object s = ctx == null ? null : ctx.getService(now);
                if (s == null) {
                    throw new SotayException(ProblemType.UNAVAILABLE, NONE);
                }
                heldRef = now;
                held = s;
                fast = new Object[] { now, s };
            }
            return held;
        }

        synchronized void release() {
            fast = null;
            if (heldRef != null) {
                BundleContext ctx = consumer.getBundleContext();
                try {
                    if (ctx != null) {
                        ctx.ungetService(heldRef);
                    }
                } catch (IllegalStateException | IllegalArgumentException gone) {
                    // the implementation or the consumer is already gone
                }
                heldRef = null;
                held = null;
            }
        }
    }
}
