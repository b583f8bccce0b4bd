package org.sotay.registry.impl.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;


/**
 * A realistic synthetic province for demos and benchmarks, shaped like the source report
 * (Tuyên Quang, May 2024): by default 57,597 members, 48,597 of whom installed the app (84%),
 * and a smartphone target group of 46,728 so that installed / target = 104% (members outside
 * the target group installed it too). Districts, grassroots committees and cells of 10 to 60
 * members, Vietnamese names with diacritics, several ethnicities. Deterministic for a seed;
 * {@link Plan#members} scales it up to a national size for benchmarks.
 */
final class DemoProvince {
    static final int DEFAULT_MEMBERS = 57_597;
    static final int DEFAULT_INSTALLED = 48_597;
    /** installed / target = 104%: 48,597 / 46,728 = 1.0400. */
    static final double INSTALLED_OVER_TARGET = 1.04;

    private static final String[] DISTRICTS = { "Thành phố Tuyên Quang", "Huyện Lâm Bình", "Huyện Na Hang", "Huyện Chiêm Hóa",
            "Huyện Hàm Yên", "Huyện Yên Sơn", "Huyện Sơn Dương" };
    private static final String[] DIRECT = { "Đảng bộ Khối cơ quan và doanh nghiệp tỉnh", "Đảng bộ Quân sự tỉnh", "Đảng bộ Công an tỉnh" };
    private static final String[] COMMUNE_NAMES = { "Kim Bình", "Vinh Quang", "Hòa Phú", "Tân Mỹ", "Phúc Sơn", "Minh Quang", "Hồng Quang",
            "Thượng Lâm", "Khuôn Hà", "Năng Khả", "Thanh Tương", "Sơn Phú", "Đà Vị", "Yên Hoa", "Côn Lôn", "Thái Sơn", "Bạch Xa",
            "Minh Dân", "Phù Lưu", "Tân Thành", "Đội Cấn", "Trung Môn", "Lang Quán", "Mỹ Bằng", "Kim Phú", "Tân Trào", "Minh Thanh",
            "Hợp Thành", "Kháng Nhật", "Thượng Ấm", "Vĩnh Lợi", "Sơn Nam", "Đại Phú", "Hào Phú", "Tú Thịnh", "Đông Thọ", "Ỷ La",
            "Nông Tiến", "An Tường", "Lưỡng Vượng", "Tràng Đà", "Hưng Thành", "Phan Thiết", "Minh Xuân", "Tân Quang", "Nhữ Hán" };
    private static final String[] VILLAGES = { "Nà Tông", "Bản Khiển", "Khuổi Củng", "Pác Cháng", "Nà Va", "Làng Chẩu", "Đồng Đài",
            "Tân Lập", "Thôn Cả", "Nà Khà", "Bản Tát", "Khuôn Điển", "Phiêng Luông", "Nà Mỵ", "Bó Củng", "Thác Dẫng", "Đồng Chùa",
            "Làng Mường", "Khau Quang", "Nặm Chá" };
    private static final String[] FAMILY = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hà", "Ma", "Quan", "Nông",
            "Triệu", "Lý", "Lục", "Chẩu", "Bàn", "Sầm", "Dương", "Ngô", "Hứa", "Đào", "Mạc" };
    private static final String[] MIDDLE_M = { "Văn", "Đức", "Minh", "Quang", "Hữu", "Thế", "Xuân", "Công", "Tiến", "Mạnh" };
    private static final String[] MIDDLE_F = { "Thị", "Thu", "Ngọc", "Minh", "Thanh", "Kim", "Bích", "Thúy", "Hồng", "Mai" };
    private static final String[] GIVEN_M = { "An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Hùng", "Hồng", "Khánh", "Long",
            "Minh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Vinh", "Toàn", "Lâm", "Chiến", "Đạt" };
    private static final String[] GIVEN_F = { "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hồng", "Hương", "Lan", "Linh", "Mai",
            "Nga", "Ngọc", "Nhung", "Phương", "Thảo", "Trang", "Vân", "Yến", "Huyền", "Ánh", "Thủy", "Loan" };
    private static final String[] ETHNICITIES = { "Kinh", "Tày", "Dao", "Sán Chay", "Mông", "Nùng", "Sán Dìu", "Cao Lan", "Hoa" };
    private static final int[] ETHNIC_WEIGHTS = { 45, 25, 10, 7, 5, 3, 2, 2, 1 };

    /** How big a province to make, and how its members use the app. */
    record Plan(int members, int installed, int smartphoneUsers, long seed) {
        static Plan ofMembers(int members, long seed) {
            int installed = (int) Math.round(members * (double) DEFAULT_INSTALLED / DEFAULT_MEMBERS);
            int target = (int) Math.round(installed / INSTALLED_OVER_TARGET);
            return new Plan(members, installed, target, seed);
        }
    }

    /** What was made. */
    record Result(String rootId, int units, int cells, int members, int installed, int smartphoneUsers, int accountRegistered) {
    }

    private final Plan plan;
    private final Random random;
    private final LocalDate today;
    private final long now;

    DemoProvince(Plan plan, LocalDate today, long nowMillis) {
        this.plan = plan;
        this.random = new Random(plan.seed());
        this.today = today;
        this.now = nowMillis;
    }

    /** Writes the province into the (empty) registry tables in batches on {@code c}; the caller commits. */
    Result write(Connection c, String recordedBy) throws SQLException {
        LocalDate founded = LocalDate.of(1940, 3, 1);
        List<Integer> cellSizes = cellSizes();
        int cells = cellSizes.size();
        try (PreparedStatement unit = c.prepareStatement("INSERT INTO REG_UNIT (ID, CODE, NAME, NAME_KEY, TYPE_CODE, PARENT_ID, PATH, DEPTH,"
                + " VALID_FROM, VALID_TO, VENUE, CONNECTIVITY, VERSION) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 0)");
                PreparedStatement hist = c.prepareStatement("INSERT INTO REG_UNIT_HISTORY (ID, UNIT_ID, NAME, TYPE_CODE, PARENT_ID, PATH, DEPTH,"
                        + " VALID_FROM, VALID_TO, CHANGE_KIND, REASON, RECORDED_MS, RECORDED_BY) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 'CREATED', 'demo', ?, ?)");
                PreparedStatement member = c.prepareStatement("INSERT INTO REG_MEMBER (ID, CARD_NUMBER, FULL_NAME, NAME_KEY, SORT_KEY, DATE_OF_BIRTH,"
                        + " GENDER, ETHNICITY, DATE_ADMITTED, DATE_OFFICIAL, STATUS, STATUS_SINCE, CELL_ID, RESIDENCE_UNIT_ID, PHONE, EMAIL,"
                        + " USES_SMARTPHONE, APP_INSTALLED, APP_INSTALLED_ON, ACCOUNT_REGISTERED, ACCOUNT_REGISTERED_ON, CREATED_MS, UPDATED_MS, VERSION)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, ?, ?, ?, ?, 0)");
                PreparedStatement home = c.prepareStatement("INSERT INTO REG_MEMBERSHIP (ID, MEMBER_ID, UNIT_ID, KIND, VALID_FROM, VALID_TO,"
                        + " REASON, RECORDED_MS, RECORDED_BY) VALUES (?, ?, ?, 'HOME', ?, NULL, 'demo', ?, ?)");
                PreparedStatement words = MemberWords.prepare(c)) {
            Writer w = new Writer(unit, hist, recordedBy);
            Node root = w.unit("TQ", "Đảng bộ tỉnh Tuyên Quang", "PROVINCE", null, founded, null);

            // districts and the committees directly under the province share the cells by weight
            List<Node> upper = new ArrayList<>();
            for (int i = 0; i < DISTRICTS.length; i++) {
                upper.add(w.unit(String.format("TQ.%02d", i + 1), "Đảng bộ " + DISTRICTS[i], "DISTRICT", root, founded, null));
            }
            for (int i = 0; i < DIRECT.length; i++) {
                upper.add(w.unit(String.format("TQ.%02d", DISTRICTS.length + i + 1), DIRECT[i], "DIRECT", root, founded, null));
            }
            // cells are dealt to grassroots committees of 4 to 16 cells, which are dealt round the upper level
            List<Node> cellNodes = new ArrayList<>(cells);
            int cellIndex = 0;
            int grassroots = 0;
            while (cellIndex < cells) {
                Node parent = upper.get(grassroots % upper.size());
                grassroots++;
                boolean commune = parent.type.equals("DISTRICT");
                String gName = commune ? "Đảng bộ xã " + COMMUNE_NAMES[grassroots % COMMUNE_NAMES.length] + suffix(grassroots, COMMUNE_NAMES.length)
                        : "Đảng bộ cơ sở " + grassroots;
                Node g = w.unit(parent.code + "." + String.format("%03d", grassroots), gName, "GRASSROOTS", parent, founded, null);
                int n = Math.min(cells - cellIndex, 4 + random.nextInt(13));
                for (int k = 0; k < n; k++, cellIndex++) {
                    String village = VILLAGES[random.nextInt(VILLAGES.length)];
                    String name = commune ? "Chi bộ thôn " + village + " " + (k + 1) : "Chi bộ " + (k + 1);
                    String venue = commune ? "Nhà văn hóa thôn " + village : "Hội trường cơ quan";
                    String connectivity = commune ? (random.nextInt(10) < 2 ? "NONE" : random.nextInt(10) < 6 ? "MOBILE_DATA" : "WIFI") : "WIFI";
                    cellNodes.add(w.cell(g.code + "." + String.format("%02d", k + 1), name, g, founded, venue, connectivity));
                }
            }
            w.flush();

            // who uses a smartphone, who installed: exact totals, drawn at random (younger members more likely)
            BitSet smartphone = pick(plan.members(), plan.smartphoneUsers());
            int installedInTarget = Math.min(plan.smartphoneUsers(), (int) Math.round(plan.installed() * 0.895));
            int installedOutside = plan.installed() - installedInTarget;
            BitSet installed = new BitSet(plan.members());
            drawFrom(smartphone, true, installedInTarget, installed);
            drawFrom(smartphone, false, installedOutside, installed);

            int m = 0;
            int registered = 0;
            for (int ci = 0; ci < cells; ci++) {
                Node cell = cellNodes.get(ci);
                for (int k = 0; k < cellSizes.get(ci); k++, m++) {
                    registered += writeMember(member, home, words, m, cell, smartphone.get(m), installed.get(m), recordedBy);
                    if (m % 1000 == 999) {
                        member.executeBatch();
                        home.executeBatch();
                        words.executeBatch();
                    }
                }
            }
            member.executeBatch();
            home.executeBatch();
            words.executeBatch();
            return new Result(root.id, w.count, cells, m, installed.cardinality(), smartphone.cardinality(), registered);
        }
    }

    private static String suffix(int n, int size) {
        return n > size ? " " + (n / size + 1) : "";
    }

    private int writeMember(PreparedStatement member, PreparedStatement home, PreparedStatement words, int index, Node cell, boolean usesPhone,
            boolean hasApp, String recordedBy) throws SQLException {
        boolean female = random.nextInt(100) < 42;
        String name = FAMILY[random.nextInt(FAMILY.length)] + " "
                + (female ? MIDDLE_F[random.nextInt(MIDDLE_F.length)] : MIDDLE_M[random.nextInt(MIDDLE_M.length)]) + " "
                + (female ? GIVEN_F[random.nextInt(GIVEN_F.length)] : GIVEN_M[random.nextInt(GIVEN_M.length)]);
        LocalDate born = LocalDate.of(1940 + random.nextInt(62), 1 + random.nextInt(12), 1 + random.nextInt(28));
        LocalDate admitted = born.plusYears(18 + random.nextInt(30)).plusDays(random.nextInt(365));
        if (admitted.isAfter(today.minusMonths(2))) {
            admitted = today.minusMonths(2 + random.nextInt(10));
        }
        if (admitted.isBefore(born.plusYears(18))) {
            admitted = born.plusYears(18);
        }
        LocalDate official = admitted.plusMonths(12);
        String status;
        LocalDate since;
        if (official.isAfter(today)) {
            official = null;
            status = "PROBATIONARY";
            since = admitted;
        } else if (born.isBefore(today.minusYears(75)) && random.nextInt(10) < 6 && !usesPhone) {
            // frail elderly members are exempt; one with a smartphone stays in the target group (as the seed's committee counted it)
            status = "EXEMPT";
            since = born.plusYears(75);
        } else {
            status = "OFFICIAL";
            since = official;
        }
        int ethnic = weighted();
        String memberId = UUID.randomUUID().toString();
        member.setString(1, memberId);
        member.setString(2, String.format("08%08d", index + 1));
        member.setString(3, name);
        member.setString(4, MemberRules.nameKey(name));
        member.setString(5, MemberRules.sortKey(name));
        member.setDate(6, Date.valueOf(born));
        member.setString(7, female ? "FEMALE" : "MALE");
        member.setString(8, ETHNICITIES[ethnic]);
        member.setDate(9, Date.valueOf(admitted));
        member.setDate(10, official == null ? null : Date.valueOf(official));
        member.setString(11, status);
        member.setDate(12, Date.valueOf(since));
        member.setString(13, cell.id);
        member.setString(14, "09" + String.format("%08d", random.nextInt(100_000_000)));
        member.setBoolean(15, usesPhone);
        member.setBoolean(16, hasApp);
        // the installation drive ran from September 2023 to May 2024; members admitted later installed after their admission
        LocalDate installedOn = null;
        if (hasApp) {
            LocalDate drive = LocalDate.of(2023, 9, 1).plusDays(random.nextInt(266));
            installedOn = drive.isBefore(admitted) ? admitted.plusDays(random.nextInt(60)) : drive;
            if (installedOn.isAfter(today)) {
                installedOn = today;
            }
        }
        member.setDate(17, installedOn == null ? null : Date.valueOf(installedOn));
        boolean reg = hasApp && random.nextInt(100) < 97;
        member.setBoolean(18, reg);
        member.setDate(19, reg ? Date.valueOf(installedOn) : null);
        member.setLong(20, now);
        member.setLong(21, now);
        member.addBatch();
        MemberWords.add(words, memberId, MemberRules.sortKey(name), name);
        home.setString(1, UUID.randomUUID().toString());
        home.setString(2, memberId);
        home.setString(3, cell.id);
        home.setDate(4, Date.valueOf(admitted.isBefore(cell.founded) ? cell.founded : admitted));
        home.setLong(5, now);
        home.setString(6, recordedBy);
        home.addBatch();
        return reg ? 1 : 0;
    }

    private int weighted() {
        int r = random.nextInt(100);
        for (int i = 0; i < ETHNIC_WEIGHTS.length; i++) {
            r -= ETHNIC_WEIGHTS[i];
            if (r < 0) {
                return i;
            }
        }
        return 0;
    }

    /** Cell sizes of 10 to 60 (most around 30) adding up to the planned number of members. */
    List<Integer> cellSizes() {
        List<Integer> sizes = new ArrayList<>();
        int left = plan.members();
        while (left > 0) {
            int size = 10 + (random.nextInt(26) + random.nextInt(26)); // 10..60, triangular around 35
            if (left - size < 10 && left - size != 0) {
                size = left <= 60 ? left : left - 10 < 60 ? left - 10 : size;
            }
            size = Math.min(size, left);
            sizes.add(size);
            left -= size;
        }
        return sizes;
    }

    private BitSet pick(int n, int k) {
        BitSet set = new BitSet(n);
        // Floyd's algorithm: k distinct indexes of n, uniformly
        for (int j = n - k; j < n; j++) {
            int t = random.nextInt(j + 1);
            if (set.get(t)) {
                set.set(j);
            } else {
                set.set(t);
            }
        }
        return set;
    }

    private void drawFrom(BitSet pool, boolean inPool, int k, BitSet out) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < plan.members(); i++) {
            if (pool.get(i) == inPool) {
                candidates.add(i);
            }
        }
        for (int i = 0; i < k && i < candidates.size(); i++) {
            int j = i + random.nextInt(candidates.size() - i);
            int tmp = candidates.get(i);
            candidates.set(i, candidates.get(j));
            candidates.set(j, tmp);
            out.set(candidates.get(i));
        }
    }

    private record Node(String id, String code, String type, String path, int depth, LocalDate founded) {
    }

    /** Batches unit rows and their first history rows. */
    private final class Writer {
        private final PreparedStatement unit;
        private final PreparedStatement hist;
        private final String recordedBy;
        int count;

        Writer(PreparedStatement unit, PreparedStatement hist, String recordedBy) {
            this.unit = unit;
            this.hist = hist;
            this.recordedBy = recordedBy;
        }

        Node unit(String code, String name, String type, Node parent, LocalDate from, String venue) throws SQLException {
            return add(code, name, type, parent, from, venue, "UNKNOWN");
        }

        Node cell(String code, String name, Node parent, LocalDate from, String venue, String connectivity) throws SQLException {
            return add(code, name, "CELL", parent, from, venue, connectivity);
        }

        private Node add(String code, String name, String type, Node parent, LocalDate from, String venue, String connectivity)
                throws SQLException {
            String id = UUID.randomUUID().toString();
            String path = (parent == null ? "/" : parent.path) + id + "/";
            int depth = parent == null ? 0 : parent.depth + 1;
            unit.setString(1, id);
            unit.setString(2, code);
            unit.setString(3, name);
            unit.setString(4, OrgUnitServiceImpl.unitKey(name));
            unit.setString(5, type);
            unit.setString(6, parent == null ? null : parent.id);
            unit.setString(7, path);
            unit.setInt(8, depth);
            unit.setDate(9, Date.valueOf(from));
            unit.setString(10, venue);
            unit.setString(11, connectivity);
            unit.addBatch();
            hist.setString(1, UUID.randomUUID().toString());
            hist.setString(2, id);
            hist.setString(3, name);
            hist.setString(4, type);
            hist.setString(5, parent == null ? null : parent.id);
            hist.setString(6, path);
            hist.setInt(7, depth);
            hist.setDate(8, Date.valueOf(from));
            hist.setLong(9, now);
            hist.setString(10, recordedBy);
            hist.addBatch();
            if (++count % 500 == 0) {
                flush();
            }
            return new Node(id, code, type, path, depth, from);
        }

        void flush() throws SQLException {
            unit.executeBatch();
            hist.executeBatch();
        }
    }
}
