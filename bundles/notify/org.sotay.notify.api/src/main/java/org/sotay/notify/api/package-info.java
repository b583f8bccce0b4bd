/**
 * Notifications: an in-app inbox per account that clients poll cheaply (ETag, delta by cursor), fed
 * by the other modules' events through the outbox; deliveries retried with back-off, their failures
 * visible to operators. The channels plugins implement (SMS, push, Zalo), chosen per message kind by
 * configuration, are the SPI in {@link org.sotay.notify.spi}, versioned apart.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.notify.api;
