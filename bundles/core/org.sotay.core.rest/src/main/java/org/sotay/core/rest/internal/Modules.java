package org.sotay.core.rest.internal;

import org.osgi.framework.Bundle;

/**
 * Which Sotay module a bundle belongs to, for the health report and the OpenAPI tags: the manifest header
 * {@value #HEADER} when the bundle has one (how a province's integrator names a module whose bundles are
 * not {@code org.sotay.*}; the module archetype writes it), else {@code <module>} of a bundle named
 * {@code org.sotay.<module>.*}; otherwise none.
 */
final class Modules {
    /** The manifest header naming a bundle's module. */
    static final String HEADER = "Sotay-Module";
    private static final String PREFIX = "org.sotay.";

    private Modules() {
    }

    /** The bundle's module, or {@code null} when it is no Sotay module's. */
    static String of(Bundle bundle) {
        String named = bundle.getHeaders("").get(HEADER);
        if (named != null && !named.isBlank()) {
            return named.strip();
        }
        return ofName(bundle.getSymbolicName());
    }

    /** The module of a bundle named {@code org.sotay.<module>[.*]}, or {@code null}. */
    static String ofName(String bsn) {
        if (bsn == null || !bsn.startsWith(PREFIX) || bsn.length() == PREFIX.length()) {
            return null;
        }
        String rest = bsn.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
