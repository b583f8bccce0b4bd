/**
 * The registry for trusted modules only: unscoped member look-ups and the registration and
 * installation flags (see {@link org.sotay.registry.api.directory.MemberDirectory} for who may use
 * it). Kept apart from {@code org.sotay.registry.api} so that importing the registry's API does not
 * mean reaching every member of the deployment.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.registry.api.directory;
