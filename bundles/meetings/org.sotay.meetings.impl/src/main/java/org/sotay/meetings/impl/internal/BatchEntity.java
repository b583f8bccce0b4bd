package org.sotay.meetings.impl.internal;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** Table {@code MTG_BATCH}: an offline batch or entry already applied to a meeting, with the answer it got. */
@Entity
@Table(name = "MTG_BATCH")
@IdClass(BatchEntity.Key.class)
public class BatchEntity {
    @Id
    @Column(name = "MEETING_ID")
    String meetingId;
    @Id
    @Column(name = "CLIENT_ID")
    String clientId;
    @Column(name = "RESULT")
    String result;
    @Column(name = "CREATED_MS")
    long createdMs;

    /** The composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String meetingId;
        String clientId;

        public Key() {
        }

        Key(String meetingId, String clientId) {
            this.meetingId = meetingId;
            this.clientId = clientId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(meetingId, k.meetingId) && Objects.equals(clientId, k.clientId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(meetingId, clientId);
        }
    }
}
