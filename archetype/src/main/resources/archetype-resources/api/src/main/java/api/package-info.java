#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
/**
 * The ${moduleName} module's API: {@link ${package}.api.ItemService}, its records, permissions and event
 * topics. Exported and versioned: bump the version by semantic versioning when the package changes (a
 * method added to the {@code @ProviderType} service: minor; a signature changed: major).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package ${package}.api;
