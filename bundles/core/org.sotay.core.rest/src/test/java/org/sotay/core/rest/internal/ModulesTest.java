package org.sotay.core.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/** A bundle's module: its {@code Sotay-Module} header first, else its {@code org.sotay.<module>} name. */
class ModulesTest {
    @Test
    void theHeaderNamesAnIntegratorsModuleOurNamesNameOursOthersHaveNone() {
        assertEquals("registry", Modules.of(bundle("org.sotay.registry.impl", null)));
        assertEquals("fees", Modules.of(bundle("org.sotay.fees.rest", null)));
        assertEquals("library", Modules.of(bundle("vn.example.library.rest", " library ")));
        assertEquals("library", Modules.of(bundle("org.sotay.something.else", "library")), "the header wins");
        assertNull(Modules.of(bundle("org.apache.cxf.core", null)));
        assertNull(Modules.of(bundle("vn.example.library.rest", "  ")), "a blank header names nothing");
        assertNull(Modules.of(bundle(null, null)));
        assertNull(Modules.ofName("org.sotay."));
        assertEquals("core", Modules.ofName("org.sotay.core"));
        assertEquals("vn.example.tool", OpenApiResource.module(bundle("vn.example.tool", null)), "OpenAPI tags others by their name");
    }

    private static Bundle bundle(String name, String header) {
        Dictionary<String, String> headers = new Hashtable<>();
        if (header != null) {
            headers.put(Modules.HEADER, header);
        }
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class }, (proxy, method, args) -> switch (method.getName()) {
        case "getSymbolicName" -> name;
        case "getHeaders" -> headers;
        default -> throw new UnsupportedOperationException(method.getName());
        });
    }
}
