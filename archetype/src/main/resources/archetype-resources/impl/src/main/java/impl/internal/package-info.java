#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
/** The ${moduleName} module's private implementation: its JPA unit {@code sotay-${moduleName}} and its tables {@code ${tablePrefix}_*}. */
@org.osgi.annotation.bundle.Header(name = "Meta-Persistence", value = "META-INF/persistence.xml")
package ${package}.impl.internal;
