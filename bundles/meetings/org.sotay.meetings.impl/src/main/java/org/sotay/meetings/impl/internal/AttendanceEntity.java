package org.sotay.meetings.impl.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;
import javax.persistence.Version;

import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.MarkSource;
import org.sotay.meetings.api.MemberCategory;
import org.sotay.meetings.api.RollEntry;
import org.sotay.meetings.api.Standing;

/** Table {@code MTG_ATTENDANCE}: a member on a meeting's roll (taken from the registry once) and their mark. */
@Entity
@Table(name = "MTG_ATTENDANCE")
@IdClass(AttendanceEntity.Key.class)
public class AttendanceEntity {
    @Id
    @Column(name = "MEETING_ID")
    String meetingId;
    @Id
    @Column(name = "MEMBER_ID")
    String memberId;
    @Column(name = "FULL_NAME")
    String fullName;
    @Column(name = "SORT_KEY")
    String sortKey;
    @Column(name = "CATEGORY")
    String category;
    @Column(name = "STANDING")
    String standing;
    @Column(name = "VOTING")
    boolean voting;
    @Column(name = "STATE")
    String state;
    @Column(name = "REASON")
    String reason;
    @Column(name = "SOURCE")
    String source;
    @Column(name = "MARKED_MS")
    Long markedMs;
    @Column(name = "MARKED_BY")
    String markedBy;
    @Version
    @Column(name = "VERSION")
    long version;

    RollEntry toDto() {
        return new RollEntry(memberId, fullName, MemberCategory.valueOf(category), Standing.valueOf(standing), AttendanceState.valueOf(state),
                reason, source == null ? null : MarkSource.valueOf(source), markedMs == null ? null : Instant.ofEpochMilli(markedMs), markedBy);
    }

    /** The composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String meetingId;
        String memberId;

        public Key() {
        }

        Key(String meetingId, String memberId) {
            this.meetingId = meetingId;
            this.memberId = memberId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(meetingId, k.meetingId) && Objects.equals(memberId, k.memberId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(meetingId, memberId);
        }
    }
}
