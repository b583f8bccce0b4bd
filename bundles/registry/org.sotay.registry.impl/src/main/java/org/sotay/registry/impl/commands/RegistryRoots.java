package org.sotay.registry.impl.commands;

import java.util.Set;

/** The ids of the open root units; a private service of this bundle, for the console commands. */
public interface RegistryRoots {
    Set<String> rootIds();
}
