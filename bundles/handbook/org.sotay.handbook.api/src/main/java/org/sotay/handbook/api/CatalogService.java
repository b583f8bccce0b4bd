package org.sotay.handbook.api;

import java.util.List;

/** The deployment's item kinds and category tree: anyone who reads the handbook reads them; changing them needs {@link HandbookPermissions#CATALOG_MANAGE} at a root. */
@org.osgi.annotation.versioning.ProviderType
public interface CatalogService {
    List<Kind> kinds();

    /** Adds a kind or changes the names, numbering and position of one (the code never changes). */
    Kind saveKind(Kind kind);

    /** The whole tree, depth first, by name in Vietnamese order. */
    List<Category> categories();

    Category createCategory(CategoryDraft draft);
}
