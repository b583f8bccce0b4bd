package org.sotay.benchmarks.handbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestPlatform;
import org.sotay.handbook.api.Audience;
import org.sotay.handbook.api.HandbookPermissions;
import org.sotay.handbook.api.Item;
import org.sotay.handbook.api.ItemDraft;
import org.sotay.handbook.api.LibraryQuery;
import org.sotay.handbook.api.SearchHit;
import org.sotay.handbook.impl.internal.HandbookHarness;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.impl.internal.RegistryHarness;

/**
 * The handbook's search over {@code sotay.bench.items} (10,000) published items, on the database the build asks
 * for (Derby in memory, or PostgreSQL with {@code -Ppostgresql}), through the real services, persistence unit,
 * migrations and word index ({@code HBK_WORD}), as a member of one cell of the demo province (so the audience
 * condition is part of every query). The baseline, measured in the same run and interleaved with the searches,
 * is the member's plain list: one page of the newest items addressed to them. Prints median and p95 per query
 * and the ratio of the medians to the baseline's ({@code HANDBOOK-SEARCH} lines).
 */
class HandbookSearchBenchmark {
    private static final int ITEMS = Integer.getInteger("sotay.bench.items", 10_000);
    private static final int WARMUP = Integer.getInteger("sotay.bench.warmup", 30);
    private static final int ROUNDS = Integer.getInteger("sotay.bench.rounds", 200);

    private static final String[] KINDS = { "resolution", "directive", "guidance", "topic", "news" };
    private static final String[] SUBJECTS = { "công tác xây dựng Đảng", "phát triển kinh tế nông, lâm nghiệp", "xây dựng nông thôn mới",
            "giữ vững quốc phòng, an ninh", "công tác dân vận", "chuyển đổi số", "phòng, chống tham nhũng, lãng phí", "bảo vệ rừng đầu nguồn",
            "giáo dục và đào tạo", "chăm sóc sức khỏe nhân dân", "công tác cán bộ", "phát triển du lịch cộng đồng", "giảm nghèo bền vững",
            "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "nâng cao chất lượng sinh hoạt chi bộ" };
    private static final String[] PLACES = { "Lâm Bình", "Na Hang", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương", "thành phố Tuyên Quang",
            "vùng cao", "các thôn, bản", "khu dân cư" };
    private static final String[] SENTENCES = { "Chi bộ lãnh đạo đảng viên thực hiện nghiêm túc nội dung nghị quyết.",
            "Mỗi đảng viên đăng ký một việc làm cụ thể và báo cáo tại kỳ sinh hoạt chi bộ.",
            "Cấp ủy cơ sở theo dõi, đôn đốc và kịp thời tháo gỡ khó khăn cho các chi bộ.",
            "Đảng viên cao tuổi được bí thư chi bộ đọc hộ tài liệu tại buổi sinh hoạt.",
            "Phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể chính trị – xã hội.",
            "Tăng cường kiểm tra, giám sát việc thực hiện ở các thôn, bản, tổ dân phố.",
            "Tuyên truyền sâu rộng để nhân dân hiểu, đồng thuận và cùng thực hiện.",
            "Rà soát, đánh giá kết quả sáu tháng và cả năm, rút ra bài học kinh nghiệm.",
            "Ưu tiên nguồn lực cho các xã đặc biệt khó khăn và vùng đồng bào dân tộc thiểu số.",
            "Bí thư chi bộ đưa tài liệu lên sổ tay điện tử trước ngày họp ít nhất một ngày." };

    @Test
    void searchOverTenThousandItemsAgainstAPlainListInTheSameRun() throws Exception {
        try (TestPlatform p = TestPlatform.start(TestClock.at(LocalDateTime.of(2026, 12, 2, 8, 0)))) {
            RegistryHarness registry = RegistryHarness.on(p);
            RegistryHarness.Demo province = registry.demo(p, 3000, 20240525L);
            HandbookHarness handbook = HandbookHarness.on(p, registry.tree(), registry.members(), registry.units());
            String root = province.rootId();
            p.callers().as(TestCallers.caller("bench-staff", Map.of("handbook.*", Set.of(root), "registry.read", Set.of(root))));
            List<String> districts = registry.units().children(root, PageRequest.of(0, 50)).getItems().stream().map(u -> u.id()).toList();
            Member reader = registry.members().search(new MemberQuery(null, null, MemberStatus.OFFICIAL, true, null, null), PageRequest.of(0, 1))
                    .getItems().get(0);

            long start = System.nanoTime();
            Random random = new Random(7);
            int rare = 0;
            int percent = 0;
            for (int i = 0; i < ITEMS; i++) {
                String kind = KINDS[random.nextInt(KINDS.length)];
                boolean numbered = !kind.equals("topic") && !kind.equals("news");
                String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
                String place = PLACES[random.nextInt(PLACES.length)];
                String title = switch (kind) {
                case "resolution" -> "Nghị quyết số " + (i + 1) + "-NQ/TU về " + subject;
                case "directive" -> "Chỉ thị số " + (i + 1) + "-CT/TU về tăng cường " + subject;
                case "guidance" -> "Hướng dẫn số " + (i + 1) + "-HD/BTGTU thực hiện " + subject;
                case "topic" -> "Chuyên đề sinh hoạt chi bộ: " + subject + " ở " + place;
                default -> place + ": kết quả " + subject + " năm 2026";
                };
                StringBuilder body = new StringBuilder("## Nội dung\n\nToàn thể cán bộ, đảng viên nghiên cứu, quán triệt văn bản này. ");
                for (int s = 0; s < 8 + random.nextInt(8); s++) {
                    body.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
                }
                if (i % 1000 == 500) { // a rare word: 10 items in 10,000
                    body.append("Hợp tác xã dệt thổ cẩm của đồng bào được hỗ trợ vốn. ");
                    rare++;
                }
                if (i % 20 == 3) { // "100%": 5% of the items
                    body.append("Phấn đấu 100% chi bộ hoàn thành nhiệm vụ. ");
                    percent++;
                }
                // 30% for the whole province, the rest for one district
                String unit = random.nextInt(10) < 3 ? root : districts.get(random.nextInt(districts.size()));
                Item draft = handbook.editor().create(new ItemDraft(kind, null, title, "Tóm tắt: " + subject + ", " + place + ".", body.toString(),
                        List.of(subject.split(",")[0]), numbered ? "Tỉnh ủy Tuyên Quang" : null, numbered ? (i + 1) + "/TU" : null,
                        numbered ? LocalDate.of(2026, 1, 1).plusDays(i % 330) : null, root, new Audience(List.of(unit), List.of()), false, null, null));
                handbook.editor().publish(draft.id(), null, draft.version());
                p.clock().advance(Duration.ofMillis(1));
            }
            long writeMs = (System.nanoTime() - start) / 1_000_000;
            long words = p.query("SELECT COUNT(*) FROM HBK_WORD", rs -> rs.getLong(1)).get(0);

            p.callers().as(TestCallers.member("bench-member", reader.id(), Map.of(HandbookPermissions.READ, Set.of(reader.cellId()))));
            long visible = handbook.library().list(new LibraryQuery(null, null, null, null), PageRequest.of(0, 20)).getTotal();
            Map<String, Supplier<Long>> scenarios = new LinkedHashMap<>();
            scenarios.put("baseline: list, newest 20", () -> handbook.library().list(new LibraryQuery(null, null, null, null), PageRequest.of(0, 20)).getTotal());
            scenarios.put("search 'nghi quyet'", () -> search(handbook, "nghi quyet"));
            scenarios.put("search 'tho cam' (rare)", () -> search(handbook, "tho cam"));
            scenarios.put("search 'dang vien' (common)", () -> search(handbook, "dang vien"));
            scenarios.put("search '100%'", () -> search(handbook, "100%"));

            // what each finds, checked once: the benchmark measures real answers
            long nghiQuyet = scenarios.get("search 'nghi quyet'").get();
            long thoCam = scenarios.get("search 'tho cam' (rare)").get();
            assertTrue(nghiQuyet > 0 && nghiQuyet < visible, "nghi quyet: " + nghiQuyet + " of " + visible);
            assertTrue(thoCam > 0 && thoCam <= rare, "tho cam: " + thoCam);
            assertEquals(visible, (long) scenarios.get("search 'dang vien' (common)").get(), "every body names đảng viên");
            assertTrue(scenarios.get("search '100%'").get() > 0);
            Page<SearchHit> first = handbook.library().search("nghi quyet", PageRequest.of(0, 1));
            assertTrue(first.getItems().get(0).item().title().startsWith("Nghị quyết"), "a title match first");

            Map<String, long[]> times = new LinkedHashMap<>();
            Map<String, Long> found = new LinkedHashMap<>();
            scenarios.forEach((name, s) -> times.put(name, new long[ROUNDS]));
            List<String> order = new ArrayList<>(scenarios.keySet());
            for (int round = -WARMUP; round < ROUNDS; round++) {
                // alternate the order each round, so a change in the machine's load falls on every scenario alike
                List<String> now = new ArrayList<>(order);
                if ((round & 1) == 1) {
                    java.util.Collections.reverse(now);
                }
                for (String name : now) {
                    long t = System.nanoTime();
                    long n = scenarios.get(name).get();
                    long dt = System.nanoTime() - t;
                    if (round >= 0) {
                        times.get(name)[round] = dt;
                        found.put(name, n);
                    }
                }
            }
            double base = median(times.get(order.get(0)));
            System.out.printf("HANDBOOK-SEARCH database=%s items=%d visibleToTheMember=%d words=%d writeMs=%d (%.1f ms per item, create+publish) rounds=%d warmup=%d%n",
                    p.dialect(), ITEMS, visible, words, writeMs, writeMs / (double) ITEMS, ROUNDS, WARMUP);
            System.out.printf("HANDBOOK-SEARCH | %-30s | %8s | %8s | %8s | %9s |%n", "scenario", "found", "median", "p95", "ratio");
            for (String name : order) {
                long[] t = times.get(name);
                System.out.printf("HANDBOOK-SEARCH | %-30s | %8d | %6.2f ms | %6.2f ms | %8.2fx |%n", name, found.get(name), median(t) / 1e6,
                        percentile(t, 95) / 1e6, median(t) / base);
            }
        }
    }

    private static long search(HandbookHarness h, String q) {
        return h.library().search(q, PageRequest.of(0, 20)).getTotal();
    }

    private static double median(long[] t) {
        return percentile(t, 50);
    }

    private static double percentile(long[] t, int p) {
        long[] s = t.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }
}
