/**
 * Notifications: an in-app inbox per account that clients poll cheaply (ETag, delta by cursor), fed
 * by the other modules' events through the outbox; the {@link org.sotay.notify.api.NotificationChannel}
 * SPI that plugins implement (SMS, push, Zalo), chosen per message kind by configuration; deliveries
 * retried with back-off, their failures visible to operators.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.notify.api;
