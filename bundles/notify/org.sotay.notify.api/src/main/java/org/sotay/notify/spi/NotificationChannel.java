package org.sotay.notify.spi;

/**
 * A way out besides the in-app inbox, implemented by a plugin (SMS, push, Zalo) and registered as an
 * OSGi service. Which kinds of message go through which channel is the operator's configuration
 * ({@code channels} of PID {@code org.sotay.notify}, by {@link #id()}). {@link #send} is called on the
 * notify module's own pool, outside any transaction, once per attempt: a thrown exception is a failed
 * attempt, retried with back-off up to the configured number of attempts and then shown to operators.
 * A channel finds the account's phone number or device itself (through the registry's or identity's API).
 */
@org.osgi.annotation.versioning.ConsumerType
public interface NotificationChannel {
    /** The channel's id in the configuration ({@code sms}, {@code push}); lower-case letters, digits and dashes. */
    String id();

    /** Sends one message; returns normally when the provider accepted it. */
    void send(Outgoing message) throws Exception;
}
