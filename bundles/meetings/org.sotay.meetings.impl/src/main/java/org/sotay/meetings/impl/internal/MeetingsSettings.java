package org.sotay.meetings.impl.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The meetings configuration as the services read it, live: a change applies to the next request. */
@Component(service = MeetingsSettings.class, configurationPid = MeetingsConfig.PID)
@Designate(ocd = MeetingsConfig.class)
public class MeetingsSettings {
    private static final Logger LOG = LoggerFactory.getLogger(MeetingsSettings.class);
    private volatile MeetingsConfig config;
    private volatile Map<String, Integer> minimums = Map.of();
    private volatile Set<String> excludes = Set.of();

    /** Outside OSGi (tests). */
    static MeetingsSettings of(MeetingsConfig c) {
        MeetingsSettings s = new MeetingsSettings();
        s.configure(c);
        return s;
    }

    @Activate
    @Modified
    void configure(MeetingsConfig c) {
        Map<String, Integer> m = new HashMap<>();
        for (String entry : split(c.minimumMinutes())) {
            String[] kv = entry.split("[=:]", 2);
            try {
                m.put(kv[0].strip().toUpperCase(Locale.ROOT), Integer.parseInt(kv[1].strip()));
            } catch (RuntimeException e) {
                LOG.warn("minimumMinutes entry '{}' of {} is not KIND=minutes; ignored", entry, MeetingsConfig.PID);
            }
        }
        minimums = Map.copyOf(m);
        excludes = Set.copyOf(split(c.denominatorExcludes()).stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
        config = c;
    }

    private static java.util.List<String> split(String[] values) {
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    MeetingsConfig config() {
        return config;
    }

    /** The configured minimum of a kind, else the kind's own default from its row. */
    int minimumMinutes(String kind, int fallback) {
        return minimums.getOrDefault(kind, fallback);
    }

    boolean excludes(String who) {
        return excludes.contains(who.toLowerCase(Locale.ROOT));
    }
}
