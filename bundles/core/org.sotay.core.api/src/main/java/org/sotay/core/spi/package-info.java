/**
 * Core's SPI for plugins that watch the platform itself: {@link org.sotay.core.spi.ScheduleObserver},
 * told of each run of a periodic schedule on its node, and {@link org.sotay.core.spi.ScheduleRun}, what it
 * is told. Versioned apart from {@code org.sotay.core.api.jobs} (the scheduler a module calls): a plugin
 * implements this package's interface, so any change to it that a plugin written against an older version
 * cannot follow is a major version, and the build refuses it without one (api-baseline,
 * docs/integrators/api-versions.md).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.core.spi;
