package org.sotay.notify.impl.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.notify.spi.NotificationChannel;

/** The channels plugins register, by id; they come and go at runtime. */
@Component(service = Channels.class)
public class Channels {
    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);
    private final Map<String, NotificationChannel> byId = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void add(NotificationChannel channel) {
        String id = channel.id();
        if (id == null || !id.matches("[a-z0-9-]{1,40}")) {
            LOG.warn("A notification channel with the id '{}' is ignored: ids are lower-case letters, digits and dashes", id);
            return;
        }
        NotificationChannel before = byId.put(id, channel);
        if (before != null && before != channel) {
            LOG.warn("Two notification channels have the id '{}': the last registered is used", id);
        }
    }

    void remove(NotificationChannel channel) {
        byId.values().remove(channel);
    }

    NotificationChannel get(String id) {
        return byId.get(id);
    }
}
