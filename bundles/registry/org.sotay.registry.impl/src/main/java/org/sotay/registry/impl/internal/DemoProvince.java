package org.sotay.registry.impl.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;


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
    /** Row ids: random UUIDs (a test gives seeded ones to compare two loads row for row). */
    private Supplier<String> ids = () -> UUID.randomUUID().toString();
    private final Map<String, NameKeys> nameKeys = new HashMap<>();

    DemoProvince(Plan plan, LocalDate today, long nowMillis) {
        this.plan = plan;
        this.random = new Random(plan.seed());
        this.today = today;
        this.now = nowMillis;
    }

    /** The same generator with ids from {@code ids} instead of random UUIDs. */
    DemoProvince withIds(Supplier<String> ids) {
        this.ids = ids;
        return this;
    }

    /**
     * Writes the province into the (empty) registry tables on {@code c}, by COPY on PostgreSQL and by
     * JDBC batches elsewhere ({@link DemoRows}); the caller commits.
     */
    Result write(Connection c, String recordedBy) throws SQLException {
        return write(c, recordedBy, null);
    }

    /** As above, the rows written the way {@code load} says ({@code null}: the best the database has). */
    Result write(Connection c, String recordedBy, DemoRows.Load load) throws SQLException {
        DemoRows rows = DemoRows.open(c, load);
        try {
            Result r = write(rows, recordedBy);
            rows.finish();
            return r;
        } catch (SQLException | RuntimeException e) {
            rows.abandon();
            throw e;
        }
    }

    private Result write(DemoRows rows, String recordedBy) throws SQLException {
        LocalDate founded = LocalDate.of(1940, 3, 1);
        List<Integer> cellSizes = cellSizes();
        int cells = cellSizes.size();
        Writer w = new Writer(rows, recordedBy);
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
                registered += writeMember(rows, m, cell, smartphone.get(m), installed.get(m), recordedBy);
                if (m % 1000 == 999) {
                    rows.flush();
                }
            }
        }
        rows.flush();
        return new Result(root.id, w.count, cells, m, installed.cardinality(), smartphone.cardinality(), registered);
    }

    private static String suffix(int n, int size) {
        return n > size ? " " + (n / size + 1) : "";
    }

    private int writeMember(DemoRows rows, int index, Node cell, boolean usesPhone, boolean hasApp, String recordedBy) throws SQLException {
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
        String memberId = ids.get();
        NameKeys keys = nameKeys.computeIfAbsent(name, NameKeys::of);
        String sortKey = keys.sortKey();
        DemoRows.Row member = rows.into(DemoRows.MEMBER);
        member.text(memberId).text(digits("08", index + 1)).text(name).text(keys.nameKey()).text(sortKey)
                .date(born).text(female ? "FEMALE" : "MALE").text(ETHNICITIES[ethnic]).date(admitted).date(official).text(status).date(since)
                .text(cell.id).text(digits("09", random.nextInt(100_000_000))).bool(usesPhone).bool(hasApp);
        // the installation drive ran from September 2023 to May 2024; members admitted later installed after their admission
        LocalDate installedOn = null;
        if (hasApp) {
            LocalDate drive = LocalDate.of(2023, 9, 1).plusDays(random.nextInt(266));
            installedOn = drive.isBefore(admitted) ? admitted.plusDays(random.nextInt(60)) : drive;
            if (installedOn.isAfter(today)) {
                installedOn = today;
            }
        }
        boolean reg = hasApp && random.nextInt(100) < 97;
        member.date(installedOn).bool(reg).date(reg ? installedOn : null).bigint(now).bigint(now).add();
        for (String k : keys.words()) {
            rows.into(DemoRows.WORD).text(k).text(sortKey).text(memberId).text(keys.wordsKey()).text(cell.id).add();
        }
        rows.into(DemoRows.HOME).text(ids.get()).text(memberId).text(cell.id).date(admitted.isBefore(cell.founded) ? cell.founded : admitted)
                .bigint(now).text(recordedBy).add();
        return reg ? 1 : 0;
    }

    /** {@code prefix} then {@code n} in 8 digits, zero-padded (String.format's "%08d", without its cost per member). */
    static String digits(String prefix, int n) {
        String d = Integer.toString(n);
        return d.length() >= 8 ? prefix + d : prefix + "00000000".substring(d.length()) + d;
    }

    /** What the registry derives from a name, the same for every member of that name (a few thousand names in all). */
    private record NameKeys(String nameKey, String sortKey, String wordsKey, List<String> words) {
        static NameKeys of(String name) {
            return new NameKeys(MemberRules.nameKey(name), MemberRules.sortKey(name), MemberWords.wordsKey(name), List.copyOf(MemberWords.keys(name)));
        }
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

    /** Unit rows and their first history rows. */
    private final class Writer {
        private final DemoRows rows;
        private final String recordedBy;
        int count;

        Writer(DemoRows rows, String recordedBy) {
            this.rows = rows;
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
            String id = ids.get();
            String path = (parent == null ? "/" : parent.path) + id + "/";
            int depth = parent == null ? 0 : parent.depth + 1;
            rows.into(DemoRows.UNIT).text(id).text(code).text(name).text(OrgUnitServiceImpl.unitKey(name)).text(type)
                    .text(parent == null ? null : parent.id).text(path).integer(depth).date(from).text(venue).text(connectivity).add();
            rows.into(DemoRows.HISTORY).text(ids.get()).text(id).text(name).text(type).text(parent == null ? null : parent.id).text(path)
                    .integer(depth).date(from).bigint(now).text(recordedBy).add();
            if (++count % 500 == 0) {
                flush();
            }
            return new Node(id, code, type, path, depth, from);
        }

        void flush() throws SQLException {
            rows.flush();
        }
    }
}
