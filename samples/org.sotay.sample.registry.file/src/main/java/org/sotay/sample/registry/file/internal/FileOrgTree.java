package org.sotay.sample.registry.file.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.security.OrgTree;

/** The tree for the security layer and the other modules' scope filters: lineages from the file's paths (no cache needed). */
@Component(service = OrgTree.class)
public class FileOrgTree implements OrgTree {
    private final RegistryFile file;

    @Activate
    public FileOrgTree(@Reference RegistryFile file) {
        this.file = file;
    }

    @Override
    public List<String> lineage(String unitId) {
        if (unitId == null || unitId.isBlank() || unitId.length() > 36) {
            return List.of();
        }
        return Snapshot.lineage(file.snapshot().paths.get(unitId));
    }

    @Override
    public List<String> roots() {
        return file.snapshot().roots;
    }
}
