package org.sotay.fees.impl.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.sotay.fees.api.FeeCategory;
import org.sotay.fees.api.PaymentMethod;
import org.sotay.fees.api.SheetLine;

/** Table {@code FEE_DUE}: a member due for a month ({@code ID} = member ':' period, so one payment per member and month) and its payment. */
@Entity
@Table(name = "FEE_DUE")
public class DueEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "MEMBER_ID")
    String memberId;
    @Column(name = "PERIOD")
    String period;
    @Column(name = "YEAR_NO")
    int year;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "UNIT_PATH")
    String unitPath;
    @Column(name = "FULL_NAME")
    String fullName;
    @Column(name = "SORT_KEY")
    String sortKey;
    /** 1 when paid, 0 while due (a SMALLINT: the same JPQL on Derby and PostgreSQL). */
    @Column(name = "PAID")
    int paid;
    @Column(name = "METHOD")
    String method;
    @Column(name = "CATEGORY")
    String category;
    @Column(name = "INCOME_DONG")
    Long incomeDong;
    @Column(name = "AMOUNT_DONG")
    Long amountDong;
    @Column(name = "RECORDED_BY")
    String recordedBy;
    @Column(name = "RECORDED_MS")
    Long recordedMs;
    @Version
    @Column(name = "VERSION")
    long version;

    static String id(String memberId, String period) {
        return memberId + ":" + period;
    }

    SheetLine toDto(int unpaidMonths) {
        return new SheetLine(memberId, fullName, period, paid == 1, method == null ? null : PaymentMethod.valueOf(method),
                category == null ? null : FeeCategory.valueOf(category), incomeDong, amountDong, recordedBy,
                recordedMs == null ? null : Instant.ofEpochMilli(recordedMs), unpaidMonths);
    }
}
