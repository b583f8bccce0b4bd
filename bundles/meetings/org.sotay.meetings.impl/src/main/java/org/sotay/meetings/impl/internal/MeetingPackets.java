package org.sotay.meetings.impl.internal;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.Text;
import org.sotay.handbook.spi.PacketContributor;

/**
 * Puts the documents of a cell's next meeting into its members' offline packets (the handbook keeps
 * only those each member may read). Answers from this module's own table.
 */
@Component(service = PacketContributor.class)
public class MeetingPackets implements PacketContributor {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private final JpaTemplate jpa;
    private final java.time.Clock clock;

    @Activate
    public MeetingPackets(@Reference MeetingsSchema schema, @Reference(target = "(osgi.unit.name=sotay-meetings)") JpaTemplate jpa,
            @Reference java.time.Clock clock) {
        this(jpa, clock);
    }

    MeetingPackets(JpaTemplate jpa, java.time.Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    @Override
    public List<Entry> entriesFor(String memberId, String cellUnitId) {
        if (cellUnitId == null || cellUnitId.length() > 36) {
            return List.of();
        }
        return jpa.txExpr(TransactionType.Required, em -> {
            List<MeetingEntity> next = em.createQuery("SELECT m FROM MeetingEntity m WHERE m.unitId = :u AND m.status = 'SCHEDULED'"
                    + " AND m.endMs >= :now ORDER BY m.startMs", MeetingEntity.class).setParameter("u", cellUnitId)
                    .setParameter("now", clock.millis()).setMaxResults(1).getResultList();
            List<Entry> out = new ArrayList<>();
            if (next.isEmpty()) {
                return out;
            }
            MeetingEntity m = next.get(0);
            Text reason = Text.of("Tài liệu sinh hoạt chi bộ ngày " + DAY.format(m.localDate), "Document of the cell meeting on " + m.localDate);
            for (String id : Agenda.documentIds(Agenda.items(m.agendaJson))) {
                out.add(new Entry(id, reason));
            }
            return out;
        });
    }
}
