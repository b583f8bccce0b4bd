#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
package ${package}.api;

/** Permissions of the ${moduleName} module, held at an org unit and covering its subtree ({@code <module>.<thing>.<action>}). */
public final class ${moduleClass}Permissions {
    /** Read the items of the subtree. */
    public static final String READ = "${moduleName}.item.read";
    /** Create and edit items in the subtree. */
    public static final String WRITE = "${moduleName}.item.write";

    private ${moduleClass}Permissions() {
    }
}
