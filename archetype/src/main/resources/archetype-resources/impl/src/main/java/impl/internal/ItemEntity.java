#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
package ${package}.impl.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import ${package}.api.Item;

/**
 * Table {@code ${tablePrefix}_ITEM}: package-private fields named after their columns, instants as epoch
 * milliseconds ({@code *_MS}, {@code long}), the unit's materialized path kept beside its id so the scope
 * filter is one prefix scan of the module's own table, and a {@code @Version} for optimistic locking.
 */
@Entity
@Table(name = "${tablePrefix}_ITEM")
public class ItemEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "UNIT_PATH")
    String unitPath;
    @Column(name = "TITLE")
    String title;
    @Column(name = "CREATED_MS")
    long createdMs;
    @Column(name = "CREATED_BY")
    String createdBy;
    @Version
    @Column(name = "VERSION")
    long version;

    Item toDto() {
        return new Item(id, unitId, title, Instant.ofEpochMilli(createdMs), createdBy, version);
    }
}
