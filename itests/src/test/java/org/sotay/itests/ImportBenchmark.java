package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.ServiceReference;
import org.sotay.core.api.VietnameseText;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Benchmark, not a test (run with {@code ./mvnw verify -Pbenchmark -pl itests}): imports N members
 * through {@code POST /api/v1/members/import} and, in the same run and database, inserts the same
 * rows with a plain JDBC batch into the same tables; prints both rates and their ratio (goal:
 * the import reaches at least 0.3 of the raw rate). See benchmarks/README.md.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ImportBenchmark extends SotayTestSupport {
    /** The source report's province: 57,597 members in one file (set -Dsotay.bench.rows to change). */
    static final int ROWS = Integer.getInteger("sotay.bench.rows", 57_597);

    @Before
    public void ready() {
        registerTestAuth();
        awaitHealthy();
    }

    private DataSource dataSource() throws Exception {
        ServiceReference<?>[] refs = bundleContext.getServiceReferences(DataSource.class.getName(), "(osgi.jndi.service.name=sotay)");
        return (DataSource) bundleContext.getService(refs[0]);
    }

    @Test
    public void importAgainstARawJdbcBatch() throws Exception {
        DataSource ds = dataSource();
        String root;
        List<String[]> cells = new ArrayList<>(); // id, code
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT ID FROM REG_UNIT WHERE CODE = 'TQ'")) {
                rs.next();
                root = rs.getString(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT ID, CODE FROM REG_UNIT WHERE TYPE_CODE = 'CELL' AND VALID_TO IS NULL")) {
                while (rs.next()) {
                    cells.add(new String[] { rs.getString(1), rs.getString(2) });
                }
            }
        }
        CALLERS.put("bench-admin", callerAt("bench-admin", Set.of(root), Set.of("registry.read", "registry.member.write")));

        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("cardNumber,fullName,dateOfBirth,gender,ethnicity,dateAdmitted,dateOfficial,cellCode,usesSmartphone\r\n");
        List<Object[]> raw = new ArrayList<>();
        String[] family = { "Nguyễn", "Trần", "Hoàng", "Ma", "Nông", "Triệu" };
        String[] given = { "An", "Bình", "Hồng", "Lan", "Mai", "Dũng" };
        for (int i = 0; i < ROWS; i++) {
            String[] cell = cells.get(random.nextInt(cells.size()));
            String name = family[i % family.length] + " Văn " + given[(i / 7) % given.length];
            LocalDate born = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
            LocalDate admitted = born.plusYears(20);
            csv.append(String.format("07%08d,%s,%s,MALE,Kinh,%s,%s,%s,true\r\n", i, name, born, admitted, admitted.plusYears(1), cell[1]));
            raw.add(new Object[] { String.format("06%08d", i), name, born, admitted, cell[0] });
        }

        // the dry run: every row checked, nothing written
        long d0 = System.nanoTime();
        HttpResponse<String> dry = http("POST", "/v1/members/import?dryRun=true", csv.toString(), "Authorization", "Bearer bench-admin",
                "Content-Type", "text/csv");
        long dryNs = System.nanoTime() - d0;
        assertEquals(dry.body().length() > 500 ? dry.body().substring(0, 500) : dry.body(), 200, dry.statusCode());
        assertEquals(ROWS, json(dry).path("created").asInt());

        // the real run as a large file should go: a background job, polled until done
        long t0 = System.nanoTime();
        HttpResponse<String> started = http("POST", "/v1/members/import?async=true", csv.toString(), "Authorization", "Bearer bench-admin",
                "Content-Type", "text/csv");
        assertEquals(started.body(), 202, started.statusCode());
        String job = "/v1/members/import-jobs/" + json(started).path("id").asText();
        JsonNode[] state = new JsonNode[1];
        await("the import job", 900, () -> {
            state[0] = json(http("GET", job, null, "Authorization", "Bearer bench-admin"));
            return !"RUNNING".equals(state[0].path("status").asText());
        });
        long importNs = System.nanoTime() - t0;
        assertEquals(state[0].toString(), "DONE", state[0].path("status").asText());
        JsonNode report = state[0].path("report");
        assertEquals(ROWS, report.path("created").asInt());

        long t1 = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long now = System.currentTimeMillis();
            try (PreparedStatement m = c.prepareStatement("INSERT INTO REG_MEMBER (ID, CARD_NUMBER, FULL_NAME, NAME_KEY, SORT_KEY, DATE_OF_BIRTH,"
                    + " GENDER, ETHNICITY, DATE_ADMITTED, DATE_OFFICIAL, STATUS, STATUS_SINCE, CELL_ID, USES_SMARTPHONE, APP_INSTALLED,"
                    + " ACCOUNT_REGISTERED, CREATED_MS, UPDATED_MS, VERSION) VALUES (?, ?, ?, ?, ?, ?, 'MALE', 'Kinh', ?, ?, 'OFFICIAL', ?, ?,"
                    + " TRUE, FALSE, FALSE, ?, ?, 0)");
                    PreparedStatement h = c.prepareStatement("INSERT INTO REG_MEMBERSHIP (ID, MEMBER_ID, UNIT_ID, KIND, VALID_FROM, REASON,"
                            + " RECORDED_MS, RECORDED_BY) VALUES (?, ?, ?, 'HOME', ?, 'raw', ?, 'bench')")) {
                int n = 0;
                for (Object[] row : raw) {
                    String id = UUID.randomUUID().toString();
                    String name = (String) row[1];
                    LocalDate admitted = (LocalDate) row[3];
                    m.setString(1, id);
                    m.setString(2, (String) row[0]);
                    m.setString(3, name);
                    m.setString(4, VietnameseText.fold(name));
                    m.setString(5, VietnameseText.nameSortKey(name));
                    m.setDate(6, Date.valueOf((LocalDate) row[2]));
                    m.setDate(7, Date.valueOf(admitted));
                    m.setDate(8, Date.valueOf(admitted.plusYears(1)));
                    m.setDate(9, Date.valueOf(admitted.plusYears(1)));
                    m.setString(10, (String) row[4]);
                    m.setLong(11, now);
                    m.setLong(12, now);
                    m.addBatch();
                    h.setString(1, UUID.randomUUID().toString());
                    h.setString(2, id);
                    h.setString(3, (String) row[4]);
                    h.setDate(4, Date.valueOf(admitted));
                    h.setLong(5, now);
                    h.addBatch();
                    if (++n % 1000 == 0) {
                        m.executeBatch();
                        h.executeBatch();
                    }
                }
                m.executeBatch();
                h.executeBatch();
            }
            c.commit();
        }
        long rawNs = System.nanoTime() - t1;
        double importRate = ROWS / (importNs / 1e9);
        double rawRate = ROWS / (rawNs / 1e9);
        System.out.printf("%nIMPORT BENCHMARK (%s, %d rows): dry run %.1f s = %.0f rows/s; import job %.1f s = %.0f rows/s;"
                + " raw JDBC batch %.1f s = %.0f rows/s; import / raw = %.2f%n%n", DB, ROWS, dryNs / 1e9, ROWS / (dryNs / 1e9),
                importNs / 1e9, importRate, rawNs / 1e9, rawRate, importRate / rawRate);
        assertTrue(importRate > 0 && rawRate > 0);
    }
}
