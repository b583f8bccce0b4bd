package org.sotay.notify.impl.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The notify configuration as the jobs read it, live. */
@Component(service = NotifySettings.class, configurationPid = NotifyConfig.PID)
@Designate(ocd = NotifyConfig.class)
public class NotifySettings {
    private static final Logger LOG = LoggerFactory.getLogger(NotifySettings.class);
    private volatile NotifyConfig config;
    private volatile List<Duration> offsets = List.of();
    private volatile Map<String, List<String>> channels = Map.of();

    static NotifySettings of(NotifyConfig c) {
        NotifySettings s = new NotifySettings();
        s.configure(c);
        return s;
    }

    @Activate
    @Modified
    void configure(NotifyConfig c) {
        List<Duration> o = new ArrayList<>();
        for (String v : split(c.reminderOffsets())) {
            try {
                Duration d = Duration.parse(v);
                if (!d.isNegative() && !d.isZero() && d.toDays() <= 60) {
                    o.add(d);
                    continue;
                }
            } catch (DateTimeParseException e) {
                // logged below
            }
            LOG.warn("reminderOffsets entry '{}' of {} is not a duration such as P1D or PT2H (at most 60 days); ignored", v, NotifyConfig.PID);
        }
        Map<String, List<String>> ch = new LinkedHashMap<>();
        for (String v : split(c.channels())) {
            String[] kv = v.split("=", 2);
            if (kv.length != 2) {
                LOG.warn("channels entry '{}' of {} is not kind=channel;channel; ignored", v, NotifyConfig.PID);
                continue;
            }
            ch.put(kv[0].strip(), Arrays.stream(kv[1].split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        }
        offsets = List.copyOf(o);
        channels = Map.copyOf(ch);
        config = c;
    }

    private static List<String> split(String[] values) {
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    NotifyConfig config() {
        return config;
    }

    List<Duration> offsets() {
        return offsets;
    }

    /** The channels a message of {@code kind} goes through besides the inbox. */
    List<String> channelsFor(String kind) {
        List<String> out = new ArrayList<>();
        channels.forEach((pattern, ids) -> {
            boolean match = pattern.equals("*") || pattern.equals(kind)
                    || (pattern.endsWith("*") && kind.startsWith(pattern.substring(0, pattern.length() - 1)));
            if (match) {
                ids.stream().filter(id -> !out.contains(id)).forEach(out::add);
            }
        });
        return out;
    }
}
