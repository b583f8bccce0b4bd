package org.sotay.registry.impl.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.persistence.Journal;
import org.sotay.registry.api.RegistryEvents;
import org.sotay.registry.api.directory.MemberDirectory;
import org.sotay.registry.api.directory.MemberRef;

/** The {@link MemberDirectory} over the registry's tables (see {@link TrustedDirectory} for who gets it). */
final class MemberDirectoryImpl implements MemberDirectory {
    private final JpaTemplate jpa;
    private final Journal journal;
    private final Clock clock;

    MemberDirectoryImpl(JpaTemplate jpa, Journal journal, Clock clock) {
        this.jpa = jpa;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public Optional<MemberRef> byCardNumber(String cardNumber) {
        String card = MemberRules.normaliseCard(cardNumber);
        if (card == null || card.isEmpty() || card.length() > 20) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery("SELECT m FROM MemberEntity m WHERE m.cardNumber = :c",
                MemberEntity.class).setParameter("c", card).getResultList().stream().findFirst().map(MemberDirectoryImpl::ref));
    }

    @Override
    public Optional<MemberRef> byId(String memberId) {
        if (memberId == null || memberId.length() > 36) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Required, em -> Optional.ofNullable(em.find(MemberEntity.class, memberId)).map(MemberDirectoryImpl::ref));
    }

    @Override
    public void accountRegistered(String memberId, LocalDate on) {
        flag(memberId, on, true);
    }

    @Override
    public void appInstalled(String memberId, LocalDate on) {
        flag(memberId, on, false);
    }

    private void flag(String memberId, LocalDate on, boolean account) {
        LocalDate today = LocalDate.now(clock);
        LocalDate day = on == null ? today : on;
        jpa.tx(TransactionType.Required, em -> {
            MemberEntity m = memberId == null ? null : em.find(MemberEntity.class, memberId);
            if (m == null || (account ? m.accountRegistered : m.appInstalled)) {
                return;
            }
            String field = account ? "accountRegisteredOn" : "appInstalledOn";
            Validation v = new Validation();
            v.check(!day.isAfter(today), field, "in-future", Text.of("Ngày không được ở tương lai.", "The date cannot be in the future."));
            v.check(!day.isBefore(m.dateAdmitted), field, "before-admission", Text.of(
                    "Không thể trước ngày vào Đảng (" + m.dateAdmitted + ").", "It cannot be before the admission (" + m.dateAdmitted + ")."));
            v.throwIfInvalid();
            if (account) {
                m.accountRegistered = true;
                m.accountRegisteredOn = day;
            } else {
                m.appInstalled = true;
                m.appInstalledOn = day;
            }
            m.updatedMs = clock.millis();
            Changes.in(journal, em).event(RegistryEvents.MEMBER_UPDATED, m.id, m.cellId)
                    .audit(account ? "member.account-registered" : "member.app-installed", "member", m.id, m.cellId, "on " + day);
            em.flush();
        });
    }

    private static MemberRef ref(MemberEntity m) {
        return new MemberRef(m.id, m.cardNumber, m.fullName, m.dateOfBirth, m.cellId, m.status, m.accountRegistered, m.appInstalled);
    }
}
