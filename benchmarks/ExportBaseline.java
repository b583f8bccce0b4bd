import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The baseline of the member CSV export: a plain JDBC read of the same rows (the members of a
 * subtree with their cell's code, the export's columns, in the export's order), timed RUNS times.
 * Run by run-load.sh and cluster-load.sh as a single-file program, with the JDBC driver on the
 * class path:
 *
 * <pre>java -cp derby.jar benchmarks/ExportBaseline.java URL USER PASSWORD RUNS ROOT_UNIT_ID</pre>
 *
 * Runs RUNS discarded warm-up reads first (this JVM starts cold: the server's answer has been
 * compiled by its JIT for minutes), then prints one line per timed run
 * ({@code jdbc run N: ROWS rows in S s = R rows/s}) and a last line {@code jdbc median: R rows/s (ROWS rows)}.
 */
public final class ExportBaseline {
    private static final String SQL = "SELECT m.CARD_NUMBER, m.FULL_NAME, m.DATE_OF_BIRTH, m.GENDER, m.ETHNICITY, m.DATE_ADMITTED,"
            + " m.DATE_OFFICIAL, m.STATUS, u.CODE, m.PHONE, m.EMAIL, m.USES_SMARTPHONE, m.APP_INSTALLED, m.ACCOUNT_REGISTERED"
            + " FROM REG_MEMBER m JOIN REG_UNIT u ON u.ID = m.CELL_ID WHERE u.PATH LIKE ? ORDER BY m.SORT_KEY, m.ID";

    public static void main(String[] args) throws SQLException {
        if (args.length != 5) {
            System.err.println("usage: ExportBaseline URL USER PASSWORD RUNS ROOT_UNIT_ID");
            System.exit(2);
        }
        int runs = Integer.parseInt(args[3]);
        try (Connection c = args[1].isEmpty() ? DriverManager.getConnection(args[0]) : DriverManager.getConnection(args[0], args[1], args[2])) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            c.setReadOnly(true);
            String path;
            try (PreparedStatement ps = c.prepareStatement("SELECT PATH FROM REG_UNIT WHERE ID = ?")) {
                ps.setString(1, args[4]);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no unit " + args[4]);
                    }
                    path = rs.getString(1);
                }
            }
            double[] rates = new double[runs];
            long rows = 0;
            long chars = 0;
            for (int r = -runs; r < runs; r++) {
                long t0 = System.nanoTime();
                rows = 0;
                chars = 0;
                try (PreparedStatement ps = c.prepareStatement(SQL)) {
                    ps.setFetchSize(1000);
                    ps.setString(1, path + "%");
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            for (int i = 1; i <= 14; i++) {
                                String v = rs.getString(i);
                                chars += v == null ? 0 : v.length();
                            }
                            rows++;
                        }
                    }
                }
                c.commit();
                double s = (System.nanoTime() - t0) / 1e9;
                if (r < 0) {
                    continue; // warm-up
                }
                rates[r] = rows / s;
                System.out.printf("jdbc run %d: %d rows in %.3f s = %.0f rows/s%n", r + 1, rows, s, rates[r]);
            }
            Arrays.sort(rates);
            double median = runs % 2 == 1 ? rates[runs / 2] : (rates[runs / 2 - 1] + rates[runs / 2]) / 2;
            System.out.printf("jdbc median: %.0f rows/s (%d rows; %d characters read per run)%n", median, rows, chars);
        }
    }
}
