package org.sotay.notify.impl.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.OrgTree;
import org.sotay.identity.api.recipients.Recipients;
import org.sotay.notify.spi.NotificationChannel;
import org.sotay.notify.spi.Outgoing;

/**
 * The work of the three schedules, each run once in the cluster: reminders before meetings,
 * close-the-loop reminders after them (the secretary after 3 days, the upper committee one collective
 * summary after 7), and channel deliveries. Each meeting's reminder, nudge and escalation is claimed
 * with a conditional update in the transaction that writes its messages, so even two runners at once
 * send each of them once.
 */
final class Jobs {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    private final JpaTemplate jpa;
    private final Recipients recipients;
    private final OrgTree tree;
    private final Messages messages;
    private final NotifySettings settings;
    private final Channels channels;
    private final java.time.Clock clock;

    Jobs(JpaTemplate jpa, Recipients recipients, OrgTree tree, Messages messages, NotifySettings settings, Channels channels, java.time.Clock clock) {
        this.jpa = jpa;
        this.recipients = recipients;
        this.tree = tree;
        this.messages = messages;
        this.settings = settings;
        this.channels = channels;
        this.clock = clock;
    }

    /** Sends the reminders that are due; how many meetings were reminded. */
    int remind() {
        long now = clock.millis();
        List<Duration> offsets = settings.offsets();
        if (offsets.isEmpty()) {
            return 0;
        }
        long widest = offsets.stream().mapToLong(Duration::toMillis).max().orElse(0);
        List<TrackedMeeting> soon = jpa.txExpr(TransactionType.Required, em -> em.createQuery("SELECT t FROM TrackedMeeting t WHERE t.status = 'SCHEDULED'"
                + " AND t.startMs > :now AND t.startMs <= :until ORDER BY t.startMs", TrackedMeeting.class).setParameter("now", now)
                .setParameter("until", now + widest).setMaxResults(5000).getResultList());
        int reminded = 0;
        for (TrackedMeeting t : soon) {
            // the nearest offset that is due; the wider ones due at the same time are spent with it
            List<Integer> due = new ArrayList<>();
            for (Duration d : offsets) {
                if (t.startMs - d.toMillis() <= now) {
                    due.add((int) d.toMinutes());
                }
            }
            if (due.isEmpty()) {
                continue;
            }
            try {
                boolean sent = jpa.txExpr(TransactionType.Required, em -> {
                    boolean any = false;
                    for (int offset : due) {
                        Number done = (Number) em.createNativeQuery("SELECT COUNT(*) FROM NTF_REMINDER WHERE MEETING_ID = ? AND OFFSET_MIN = ? AND START_MS = ?")
                                .setParameter(1, t.meetingId).setParameter(2, offset).setParameter(3, t.startMs).getSingleResult();
                        int claimed = 0;
                        if (done.longValue() == 0) {
                            // the primary key refuses a second runner's insert: its transaction rolls back, nothing is sent twice
                            claimed = em.createNativeQuery("INSERT INTO NTF_REMINDER (MEETING_ID, OFFSET_MIN, START_MS, SENT_MS) VALUES (?, ?, ?, ?)")
                                    .setParameter(1, t.meetingId).setParameter(2, offset).setParameter(3, t.startMs).setParameter(4, now).executeUpdate();
                        }
                        any |= claimed > 0;
                    }
                    if (!any) {
                        return false;
                    }
                    java.time.ZoneId zone = clock.getZone();
                    messages.deliver(em, recipients.membersOf(t.unitId), new Messages.Draft("meeting.reminder",
                            Text.of("Nhắc lịch sinh hoạt: " + t.title, "Reminder: " + t.title),
                            Text.of("Bắt đầu lúc " + Texts.vi(t.startMs, zone) + ".", "Starts " + Texts.en(t.startMs, zone) + "."),
                            "/v1/meetings/" + t.meetingId, "reminder:" + t.meetingId + ":" + t.startMs + ":" + due.get(due.size() - 1), t.unitPath));
                    return true;
                });
                reminded += sent ? 1 : 0;
            } catch (RuntimeException raced) {
                LOG.debug("Reminder of meeting {} taken by another run: {}", t.meetingId, raced.toString());
            }
        }
        return reminded;
    }

    /** The close-the-loop check; the number of secretaries' nudges and of committee summaries sent. */
    int[] closeTheLoop() {
        long now = clock.millis();
        long day = Duration.ofDays(1).toMillis();
        long secretaryBefore = now - settings.config().secretaryAfterDays() * day;
        long committeeBefore = now - settings.config().committeeAfterDays() * day;
        int nudged = 0;
        List<TrackedMeeting> late = jpa.txExpr(TransactionType.Required, em -> em.createQuery("SELECT t FROM TrackedMeeting t WHERE t.status <> 'CANCELLED'"
                + " AND t.endMs <= :before AND t.endMs > :oldest AND (t.held = :no OR t.minutes = :no) AND t.secretaryRemindedMs IS NULL"
                + " ORDER BY t.endMs", TrackedMeeting.class).setParameter("before", secretaryBefore).setParameter("oldest", now - 60 * day).setParameter("no", false)
                .setMaxResults(5000).getResultList());
        for (TrackedMeeting t : late) {
            nudged += jpa.txExpr(TransactionType.Required, em -> {
                int claimed = em.createQuery("UPDATE TrackedMeeting t SET t.secretaryRemindedMs = :now WHERE t.meetingId = :id AND t.secretaryRemindedMs IS NULL")
                        .setParameter("now", now).setParameter("id", t.meetingId).executeUpdate();
                if (claimed == 0) {
                    return 0;
                }
                java.time.ZoneId zone = clock.getZone();
                String missing = missing(t);
                messages.deliver(em, recipients.holding(Consumer.SECRETARY_PERMISSION, t.unitId, true), new Messages.Draft("meeting.close-the-loop",
                        Text.of("Chưa ghi kết quả buổi sinh hoạt: " + t.title, "Meeting not recorded yet: " + t.title),
                        Text.of("Buổi sinh hoạt " + Texts.vi(t.startMs, zone) + " " + missing + ". Đồng chí ghi lại điểm danh và biên bản, hoặc chụp biên bản giấy"
                                + " đã ký gửi lên, để chi bộ không bị tính là chưa sinh hoạt.", "The meeting of " + Texts.en(t.startMs, zone) + " "
                                        + missingEn(t) + ". Record the attendance and minutes, or upload a photo of the signed paper minutes, so the cell"
                                        + " is not counted as inactive."),
                        "/v1/meetings/" + t.meetingId, "loop:" + t.meetingId, t.unitPath));
                return 1;
            });
        }
        List<TrackedMeeting> overdue = jpa.txExpr(TransactionType.Required, em -> em.createQuery("SELECT t FROM TrackedMeeting t WHERE t.status <> 'CANCELLED'"
                + " AND t.endMs <= :before AND t.endMs > :oldest AND (t.held = :no OR t.minutes = :no) AND t.escalatedMs IS NULL ORDER BY t.endMs",
                TrackedMeeting.class).setParameter("before", committeeBefore).setParameter("oldest", now - 90 * day).setParameter("no", false).setMaxResults(20000).getResultList());
        Map<String, List<TrackedMeeting>> byCommittee = new LinkedHashMap<>();
        for (TrackedMeeting t : overdue) {
            List<String> lineage = tree.currentLineage(t.unitId);
            if (lineage.size() >= 2) {
                byCommittee.computeIfAbsent(lineage.get(lineage.size() - 2), k -> new ArrayList<>()).add(t);
            }
        }
        int summaries = 0;
        for (Map.Entry<String, List<TrackedMeeting>> e : byCommittee.entrySet()) {
            String committee = e.getKey();
            summaries += jpa.txExpr(TransactionType.Required, em -> {
                List<TrackedMeeting> mine = new ArrayList<>();
                for (TrackedMeeting t : e.getValue()) {
                    int claimed = em.createQuery("UPDATE TrackedMeeting t SET t.escalatedMs = :now WHERE t.meetingId = :id AND t.escalatedMs IS NULL")
                            .setParameter("now", now).setParameter("id", t.meetingId).executeUpdate();
                    if (claimed == 1) {
                        mine.add(t);
                    }
                }
                if (mine.isEmpty()) {
                    return 0;
                }
                java.time.ZoneId zone = clock.getZone();
                StringBuilder vi = new StringBuilder();
                StringBuilder en = new StringBuilder();
                java.util.Set<String> cells = new java.util.LinkedHashSet<>();
                for (TrackedMeeting t : mine) {
                    cells.add(t.unitId);
                    vi.append("• ").append(t.title).append(" (").append(Texts.day(t.startMs, zone)).append("): ").append(missing(t)).append('\n');
                    en.append("• ").append(t.title).append(" (").append(Texts.day(t.startMs, zone)).append("): ").append(missingEn(t)).append('\n');
                }
                messages.deliver(em, recipients.holding(Consumer.STAFF_PERMISSION, committee, true), new Messages.Draft("meeting.late-summary",
                        Text.of(cells.size() + " chi bộ chưa ghi kết quả sinh hoạt quá " + settings.config().committeeAfterDays() + " ngày",
                                cells.size() + " cells have not recorded a meeting for over " + settings.config().committeeAfterDays() + " days"),
                        Text.of(vi.toString().strip(), en.toString().strip()), "/v1/meetings?unit=" + committee,
                        "late-summary:" + committee + ":" + now, OrgTree.path(tree.currentLineage(committee))));
                return 1;
            });
        }
        return new int[] { nudged, summaries };
    }

    private static String missing(TrackedMeeting t) {
        return !t.held && !t.minutes ? "chưa có điểm danh và biên bản" : !t.held ? "chưa có điểm danh" : "chưa có biên bản";
    }

    private static String missingEn(TrackedMeeting t) {
        return !t.held && !t.minutes ? "has no attendance and no minutes yet" : !t.held ? "has no attendance yet" : "has no minutes yet";
    }

    /** Sends the due deliveries through their channels, outside any transaction; how many were sent. */
    int deliver() {
        long now = clock.millis();
        List<DeliveryEntity> due = jpa.txExpr(TransactionType.Required, em -> em.createQuery("SELECT d FROM DeliveryEntity d WHERE d.state = 'PENDING'"
                + " AND d.nextMs <= :now ORDER BY d.nextMs", DeliveryEntity.class).setParameter("now", now).setMaxResults(100).getResultList());
        int sent = 0;
        NotifyConfig c = settings.config();
        for (DeliveryEntity d : due) {
            int claimed = jpa.txExpr(TransactionType.Required, em -> em.createQuery("UPDATE DeliveryEntity d SET d.nextMs = :later WHERE d.id = :id"
                    + " AND d.state = 'PENDING' AND d.nextMs <= :now").setParameter("later", now + 300_000L).setParameter("id", d.id)
                    .setParameter("now", now).executeUpdate());
            if (claimed == 0) {
                continue; // another node took it
            }
            MessageEntity m = jpa.txExpr(TransactionType.Required, em -> em.find(MessageEntity.class, d.messageId));
            NotificationChannel channel = channels.get(d.channel);
            String error = null;
            if (m == null) {
                error = "the message is gone";
            } else if (channel == null) {
                error = "no channel '" + d.channel + "' is installed";
            } else {
                try {
                    channel.send(new Outgoing(m.id, m.accountId, m.kind, m.titleVi, m.titleEn, m.bodyVi, m.bodyEn, m.link));
                } catch (Exception e) {
                    error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
            }
            String failure = error == null ? null : Messages.cut(error, 1000);
            long at = clock.millis();
            jpa.tx(TransactionType.Required, em -> {
                DeliveryEntity e = em.find(DeliveryEntity.class, d.id);
                e.attempts++;
                if (failure == null) {
                    e.state = "SENT";
                    e.sentMs = at;
                    e.nextMs = null;
                    e.lastError = null;
                } else if (e.attempts >= c.maxAttempts()) {
                    e.state = "FAILED";
                    e.nextMs = null;
                    e.lastError = failure;
                    LOG.warn("Delivery {} of message {} through '{}' failed for good after {} attempts: {}", e.id, e.messageId, e.channel, e.attempts,
                            failure);
                } else {
                    long wait = Math.min((long) c.retryMaxSeconds(), (long) c.retryBaseSeconds() << Math.min(20, e.attempts - 1)) * 1000L;
                    e.nextMs = at + wait;
                    e.lastError = failure;
                }
            });
            sent += failure == null ? 1 : 0;
        }
        return sent;
    }
}
