package org.sotay.meetings.impl.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.apache.aries.jpa.template.JpaTemplate;
import org.sotay.core.api.blobs.BlobStore;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;

/** What the meetings services share: their persistence unit, the platform's services, the registry's roster and the handbook's documents. */
record Context(JpaTemplate jpa, CallerContext callers, Journal journal, Clock clock, OrgTree tree, MeetingsSettings settings, Roster roster,
        Documents documents, BlobStore blobs) {

    ZoneId zone() {
        return clock.getZone();
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    long now() {
        return clock.millis();
    }

    Journal.Entries log(javax.persistence.EntityManager em) {
        return journal.in(MeetingsSchema.MODULE, em.unwrap(java.sql.Connection.class));
    }
}
