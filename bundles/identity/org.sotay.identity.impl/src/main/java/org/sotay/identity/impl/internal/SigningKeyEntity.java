package org.sotay.identity.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "IDN_SIGNING_KEY")
public class SigningKeyEntity {
    @Id
    String kid;
    String algorithm;
    @Column(name = "PUBLIC_KEY")
    String publicKey;
    @Column(name = "PRIVATE_KEY")
    String privateKey;
    @Column(name = "CREATED_MS")
    long createdMs;
    @Column(name = "RETIRED_MS")
    Long retiredMs;
}
