package org.sotay.identity.impl.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA keys that sign access tokens, kept in IDN_SIGNING_KEY so every node signs and verifies
 * with the same keys; each node holds them in memory, so verifying a token needs no database
 * round trip. The first node to start creates the first key. A key id this node does not know is
 * looked up again at most once a minute (another node may have rotated).
 */
@Component(service = SigningKeys.class)
public class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final long RELOAD_MILLIS = 60_000;

    private record Current(String kid, PrivateKey key) {
    }

    /** A verifying key; a retired one verifies only the tokens it signed before retiring, for as long as they can live. */
    private record Verifier(PublicKey key, Long retiredMs) {
    }

    private final JpaTemplate jpa;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Verifier> publicKeys = new ConcurrentHashMap<>();
    private volatile Current current;
    private volatile long lastReload;

    @Activate
    public SigningKeys(@Reference IdentitySchema schema, @Reference(target = "(osgi.unit.name=sotay-identity)") JpaTemplate jpa,
            @Reference Settings settings, @Reference Clock clock) {
        this(jpa, settings, clock);
    }

    /** Outside OSGi (tests). */
    SigningKeys(JpaTemplate jpa, Settings settings, Clock clock) {
        this.jpa = jpa;
        this.settings = settings;
        this.clock = clock;
        load();
        if (current == null) {
            try {
                insert(generate());
            } catch (RuntimeException raced) {
                LOG.info("Another node created the first signing key at the same time; using it ({})", raced.toString());
            }
            load();
        }
        if (current == null) {
            throw new IllegalStateException("no token signing key could be created");
        }
    }

    /** The key to sign with; looked up again every minute, so a rotation on another node reaches this one. */
    String kid() {
        return fresh().kid;
    }

    PrivateKey privateKey() {
        return fresh().key;
    }

    private Current fresh() {
        if (clock.millis() - lastReload > RELOAD_MILLIS) {
            load();
        }
        return current;
    }

    /**
     * The public key of {@code kid}, or {@code null} when no node ever made it, or when it retired
     * longer ago than an access token lives (whatever it signed has expired).
     */
    PublicKey publicKey(String kid) {
        Verifier v = publicKeys.get(kid);
        if (v == null && clock.millis() - lastReload > RELOAD_MILLIS && kid.length() <= 40) {
            load();
            v = publicKeys.get(kid);
        }
        if (v == null) {
            return null;
        }
        // another node may have signed with it for up to a minute after it retired (until it re-read the keys)
        long lifetime = (settings.config().accessTokenSeconds() + Jwt.SKEW_SECONDS) * 1000L + RELOAD_MILLIS;
        return v.retiredMs == null || clock.millis() < v.retiredMs + lifetime ? v.key : null;
    }

    /** Makes a new key current; the previous ones still verify the tokens they signed. */
    String rotate() {
        SigningKeyEntity k = generate();
        jpa.tx(TransactionType.Required, em -> {
            em.createQuery("UPDATE SigningKeyEntity k SET k.retiredMs = :now WHERE k.retiredMs IS NULL")
                    .setParameter("now", clock.millis()).executeUpdate();
            em.persist(k);
        });
        load();
        return k.kid;
    }

    /** The public keys as a JSON Web Key Set. */
    Map<String, Object> jwks() {
        List<Map<String, Object>> keys = new ArrayList<>();
        publicKeys.forEach((kid, v) -> {
            if (publicKey(kid) == null) {
                return; // retired for good
            }
            RSAPublicKey rsa = (RSAPublicKey) v.key;
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", "RSA");
            jwk.put("use", "sig");
            jwk.put("alg", Jwt.ALG);
            jwk.put("kid", kid);
            jwk.put("n", unsigned(rsa.getModulus()));
            jwk.put("e", unsigned(rsa.getPublicExponent()));
            keys.add(jwk);
        });
        return Map.of("keys", keys);
    }

    private void load() {
        lastReload = clock.millis();
        List<SigningKeyEntity> all = jpa.txExpr(TransactionType.Required, em -> em
                .createQuery("SELECT k FROM SigningKeyEntity k ORDER BY k.createdMs", SigningKeyEntity.class).getResultList());
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            // a key deleted from the table (a leaked one, say) stops verifying here too
            publicKeys.keySet().removeIf(kid -> all.stream().noneMatch(k -> k.kid.equals(kid)));
            for (SigningKeyEntity k : all) {
                publicKeys.put(k.kid, new Verifier(rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(k.publicKey))),
                        k.retiredMs));
                if (k.retiredMs == null) {
                    current = new Current(k.kid, rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(k.privateKey))));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a signing key in IDN_SIGNING_KEY cannot be read", e);
        }
    }

    private void insert(SigningKeyEntity k) {
        jpa.tx(TransactionType.Required, em -> em.persist(k));
    }

    private SigningKeyEntity generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            SigningKeyEntity k = new SigningKeyEntity();
            k.kid = UUID.randomUUID().toString();
            k.algorithm = Jwt.ALG;
            k.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            k.privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            k.createdMs = clock.millis();
            return k;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            b = java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
