package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;

/**
 * The registry's services are replaceable at runtime (registry.impl declares them in
 * {@code sotay.replaceable}): every component of every module that references one is bound to core's
 * stand-in, never to registry.impl's own registration, so swapping registry.impl restarts none of them
 * (RegistrySwapIT does the swap under load).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class StandInsIT extends SotayTestSupport {
    private static final List<String> REPLACEABLE = List.of("org.sotay.core.api.security.OrgTree", "org.sotay.registry.api.MemberService",
            "org.sotay.registry.api.OrgUnitService", "org.sotay.registry.api.MemberImport", "org.sotay.registry.api.directory.MemberDirectory");

    @Inject
    ServiceComponentRuntime scr;

    @Test
    public void everyConsumerOfTheRegistryIsBoundToAStandIn() throws Exception {
        awaitHealthy();
        // the system bundle sees every registration (other bundles see only the stand-ins)
        BundleContext system = bundleContext.getBundle(0).getBundleContext();
        List<Long> standIns = new ArrayList<>();
        List<Long> real = new ArrayList<>();
        for (String name : REPLACEABLE) {
            ServiceReference<?>[] refs = system.getAllServiceReferences(name, null);
            assertNotNull(name, refs);
            int found = 0;
            for (ServiceReference<?> r : refs) {
                Long id = (Long) r.getProperty(Constants.SERVICE_ID);
                if (r.getProperty("sotay.stand-in") != null) {
                    standIns.add(id);
                    found++;
                    assertEquals(name, Integer.MAX_VALUE, r.getProperty(Constants.SERVICE_RANKING));
                } else {
                    real.add(id);
                }
            }
            assertEquals(name + ": one stand-in", 1, found);
            // another bundle (this probe) finds the stand-in only
            ServiceReference<?>[] seen = bundleContext.getServiceReferences(name, null);
            assertEquals(name + " as the probe sees it", 1, seen.length);
            assertNotNull(seen[0].getProperty("sotay.stand-in"));
        }
        assertEquals(REPLACEABLE.size(), real.size());
        List<String> boundToReal = new ArrayList<>();
        int boundToStandIns = 0;
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.bundle.symbolicName.equals("org.sotay.registry.impl")) {
                continue; // the provider's own components leave with it
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                for (SatisfiedReferenceDTO s : c.satisfiedReferences) {
                    for (var bound : s.boundServices) {
                        if (real.contains(bound.id)) {
                            boundToReal.add(d.bundle.symbolicName + "/" + d.name + "." + s.name);
                        } else if (standIns.contains(bound.id)) {
                            boundToStandIns++;
                        }
                    }
                }
            }
        }
        assertEquals("components bound to registry.impl's own registrations", List.of(), boundToReal);
        assertTrue(boundToStandIns + " references bound to the stand-ins", boundToStandIns >= 20);
    }
}
