package org.sotay.core.rest.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.servlet.ServletException;

import org.junit.jupiter.api.Test;

class RebuildGapFilterTest {
    private static NullPointerException npeAt(String className) {
        NullPointerException npe = new NullPointerException("incomingObserver is null");
        npe.setStackTrace(new StackTraceElement[] { new StackTraceElement(className, "invoke", "X.java", 1) });
        return npe;
    }

    @Test
    void onlyCxfsTransportTearDownIsRetried() {
        assertTrue(RebuildGapFilter.isTornDown(new ServletException(npeAt("org.apache.cxf.transport.http.AbstractHTTPDestination"))));
        assertFalse(RebuildGapFilter.isTornDown(new ServletException(npeAt("org.sotay.registry.impl.internal.MemberServiceImpl"))));
        assertFalse(RebuildGapFilter.isTornDown(new ServletException(new IllegalStateException("x"))));
    }
}
