package org.sotay.registry.impl.internal;

import java.time.Instant;
import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.sotay.registry.api.Gender;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberStatus;

@Entity
@Table(name = "REG_MEMBER")
public class MemberEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "CARD_NUMBER")
    String cardNumber;
    @Column(name = "FULL_NAME")
    String fullName;
    @Column(name = "NAME_KEY")
    String nameKey;
    @Column(name = "SORT_KEY")
    String sortKey;
    @Column(name = "DATE_OF_BIRTH")
    LocalDate dateOfBirth;
    @Enumerated(EnumType.STRING)
    @Column(name = "GENDER")
    Gender gender;
    @Column(name = "ETHNICITY")
    String ethnicity;
    @Column(name = "DATE_ADMITTED")
    LocalDate dateAdmitted;
    @Column(name = "DATE_OFFICIAL")
    LocalDate dateOfficial;
    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS")
    MemberStatus status;
    @Column(name = "STATUS_SINCE")
    LocalDate statusSince;
    @Column(name = "CELL_ID")
    String cellId;
    @Column(name = "RESIDENCE_UNIT_ID")
    String residenceUnitId;
    @Column(name = "PHONE")
    String phone;
    @Column(name = "EMAIL")
    String email;
    @Column(name = "USES_SMARTPHONE")
    boolean usesSmartphone;
    @Column(name = "APP_INSTALLED")
    boolean appInstalled;
    @Column(name = "APP_INSTALLED_ON")
    LocalDate appInstalledOn;
    @Column(name = "ACCOUNT_REGISTERED")
    boolean accountRegistered;
    @Column(name = "ACCOUNT_REGISTERED_ON")
    LocalDate accountRegisteredOn;
    @Column(name = "CREATED_MS")
    long createdMs;
    @Column(name = "UPDATED_MS")
    long updatedMs;
    @Version
    @Column(name = "VERSION")
    long version;

    Member toDto() {
        return new Member(id, cardNumber, fullName, dateOfBirth, gender, ethnicity, dateAdmitted, dateOfficial, status,
                statusSince, cellId, residenceUnitId, phone, email, usesSmartphone, appInstalled, appInstalledOn,
                accountRegistered, accountRegisteredOn, Instant.ofEpochMilli(createdMs), Instant.ofEpochMilli(updatedMs), version);
    }
}
