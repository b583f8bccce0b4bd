package org.sotay.meetings.impl.internal;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** Table {@code MTG_ATTACHMENT}: a member temporarily attached to a cell (from the registry's transfer events). */
@Entity
@Table(name = "MTG_ATTACHMENT")
@IdClass(AttachmentEntity.Key.class)
public class AttachmentEntity {
    @Id
    @Column(name = "MEMBER_ID")
    String memberId;
    @Id
    @Column(name = "UNIT_ID")
    String unitId;
    @Id
    @Column(name = "VALID_FROM")
    LocalDate validFrom;
    @Column(name = "VALID_TO")
    LocalDate validTo;
    @Column(name = "FULL_NAME")
    String fullName;
    @Column(name = "OFFICIAL")
    boolean official;
    @Column(name = "UPDATED_MS")
    long updatedMs;

    /** The composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String memberId;
        String unitId;
        LocalDate validFrom;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(memberId, k.memberId) && Objects.equals(unitId, k.unitId)
                    && Objects.equals(validFrom, k.validFrom);
        }

        @Override
        public int hashCode() {
            return Objects.hash(memberId, unitId, validFrom);
        }
    }
}
