/** The file-backed registry's implementation; nothing is exported. */
package org.sotay.sample.registry.file.internal;
