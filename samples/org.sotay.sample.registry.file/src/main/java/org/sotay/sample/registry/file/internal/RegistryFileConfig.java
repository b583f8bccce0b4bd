package org.sotay.sample.registry.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the registry file is. Without a configuration (or with a file that cannot be served) nothing of this bundle starts. */
@ObjectClassDefinition(id = RegistryFileConfig.PID, name = "Sotay registry from a file (sample)",
        description = "A read-only registry over a file exported from the national member database")
@interface RegistryFileConfig {
    String PID = "org.sotay.sample.registry.file";

    @AttributeDefinition(description = "The registry file: UTF-8 JSON lines of unit types, units and members as the registry's API answers them "
            + "(${karaf.data}, ${karaf.etc} and ${karaf.home} are replaced); re-read when the configuration changes")
    String file();
}
