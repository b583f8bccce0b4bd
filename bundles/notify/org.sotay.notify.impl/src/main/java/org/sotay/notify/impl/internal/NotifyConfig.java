package org.sotay.notify.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.sotay.notify} ({@code etc/org.sotay.notify.cfg}). */
@ObjectClassDefinition(id = NotifyConfig.PID, name = "Sotay notify", description = "Reminders, close-the-loop reminders, channels and retries")
@interface NotifyConfig {
    String PID = "org.sotay.notify";

    @AttributeDefinition(description = "Reminders before a meeting, as ISO-8601 durations (P1D: a day before; PT2H: two hours before)")
    String[] reminderOffsets() default { "P1D", "PT2H" };

    @AttributeDefinition(description = "Days after a meeting without attendance or minutes before its secretary is reminded")
    int secretaryAfterDays() default 3;

    @AttributeDefinition(description = "Days after a meeting without attendance or minutes before the upper committee gets it in one summary")
    int committeeAfterDays() default 7;

    @AttributeDefinition(description = "How often the close-the-loop check runs, in minutes (once in the cluster)")
    int closeTheLoopMinutes() default 60;

    @AttributeDefinition(description = "How often due reminders are sent, in seconds (once in the cluster)")
    int reminderSeconds() default 60;

    @AttributeDefinition(description = "Channels per message kind, kind=channel;channel (a kind may end in *): meeting.*=sms, handbook.mandatory=push;zalo")
    String[] channels() default {};

    @AttributeDefinition(description = "How often pending deliveries are sent, in seconds (once in the cluster)")
    int deliverySeconds() default 10;

    @AttributeDefinition(description = "Attempts of a delivery before it is failed for good")
    int maxAttempts() default 8;

    @AttributeDefinition(description = "The first retry after a failed attempt, in seconds; it doubles each time")
    int retryBaseSeconds() default 30;

    @AttributeDefinition(description = "The longest wait between attempts, in seconds")
    int retryMaxSeconds() default 3600;
}
