/**
 * The notify module's SPI: {@link org.sotay.notify.spi.NotificationChannel}, which plugins implement to
 * deliver messages another way than the in-app inbox (SMS, push, Zalo), and {@link org.sotay.notify.spi.Outgoing},
 * the message a channel is given. Versioned apart from {@code org.sotay.notify.api} (the inbox service a
 * client calls): a plugin implements this package's interface, so any change to it that a plugin written
 * against an older version cannot follow is a major version, and the build refuses it without one
 * (api-baseline, docs/integrators/api-versions.md).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.notify.spi;
