package org.sotay.handbook.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** Table {@code HBK_NOTE}: one private note per reader and item. */
@Entity
@Table(name = "HBK_NOTE")
public class NoteEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "READER_ID")
    String readerId;
    @Column(name = "ITEM_ID")
    String itemId;
    @Column(name = "NOTE_TEXT")
    String text;
    @Column(name = "UPDATED_MS")
    long updatedMs;
    @Version
    @Column(name = "VERSION")
    long version;
}
