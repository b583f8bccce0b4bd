package org.sotay.core.testing;

import java.util.HashMap;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.Persistence;
import javax.sql.DataSource;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/**
 * A module's real persistence unit (its {@code META-INF/persistence.xml} on the test classpath,
 * EclipseLink) over a test database, behind the same {@link JpaTemplate} Aries JPA gives the module
 * in Karaf: RESOURCE_LOCAL, one entity manager and transaction per outermost call, nested calls
 * joining it, a runtime exception rolling the whole of it back.
 */
public final class TestJpa implements JpaTemplate, AutoCloseable {
    private final EntityManagerFactory emf;
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    public TestJpa(String unit, DataSource dataSource) {
        Map<String, Object> props = new HashMap<>();
        props.put("javax.persistence.nonJtaDataSource", dataSource);
        // -Dsotay.test.sql=true prints every statement EclipseLink sends, with its parameters
        boolean sql = Boolean.getBoolean("sotay.test.sql");
        props.put("eclipselink.logging.level", sql ? "FINE" : "WARNING");
        props.put("eclipselink.logging.level.sql", sql ? "FINE" : "WARNING");
        props.put("eclipselink.logging.parameters", Boolean.toString(sql));
        if (!sql) {
            props.put("eclipselink.logging.logger", "JavaLogger");
        }
        this.emf = Persistence.createEntityManagerFactory(unit, props);
    }

    @Override
    public <R> R txExpr(TransactionType type, EmFunction<R> code) {
        if (type != TransactionType.Required) {
            throw new UnsupportedOperationException("Aries JPA with RESOURCE_LOCAL units supports only Required");
        }
        EntityManager joined = current.get();
        if (joined != null) {
            return code.apply(joined);
        }
        EntityManager em = emf.createEntityManager();
        current.set(em);
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            R result = code.apply(em);
            if (tx.getRollbackOnly()) {
                tx.rollback();
            } else {
                tx.commit();
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            current.remove();
            em.close();
        }
    }

    @Override
    public void tx(TransactionType type, EmConsumer code) {
        txExpr(type, em -> {
            code.accept(em);
            return null;
        });
    }

    @Override
    public <R> R txExpr(EmFunction<R> code) {
        return txExpr(TransactionType.Required, code);
    }

    @Override
    public void tx(EmConsumer code) {
        tx(TransactionType.Required, code);
    }

    @Override
    public void close() {
        emf.close();
    }
}
