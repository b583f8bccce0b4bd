package org.sotay.handbook.impl.internal;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.health.HealthIndicator;
import org.sotay.core.api.health.HealthResult;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.persistence.LockWaits;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.GrantedCaller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.handbook.api.Audience;
import org.sotay.handbook.api.CatalogService;
import org.sotay.handbook.api.Category;
import org.sotay.handbook.api.CategoryDraft;
import org.sotay.handbook.api.EditorService;
import org.sotay.handbook.api.Feedback;
import org.sotay.handbook.api.FeedbackAnswer;
import org.sotay.handbook.api.FeedbackDraft;
import org.sotay.handbook.api.FeedbackService;
import org.sotay.handbook.api.FeedbackTopic;
import org.sotay.handbook.api.HandbookPermissions;
import org.sotay.handbook.api.Item;
import org.sotay.handbook.api.ItemDraft;
import org.sotay.handbook.api.OnBehalfRead;
import org.sotay.handbook.api.QaDraft;
import org.sotay.handbook.api.ReadReceipt;
import org.sotay.handbook.api.ReadingService;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.OrgUnitService;

/**
 * The demo library of the demo province (off unless {@code etc/org.sotay.handbook.demo.cfg} exists, as
 * {@code ./run} writes it). It waits until the registry's demo province is there (through the registry's
 * API: a root unit and an official member), then, once in the cluster and as a tracked job
 * ({@code handbook.demo}), writes through the handbook's own services, in one transaction: categories,
 * resolutions, directives, guidance for cell secretaries only, thematic topics, news (the province's and one
 * district's), a PDF and an audio reading, a commune's mandatory resolution with a deadline read by a realistic share of its cells
 * (members with a smartphone themselves, the others on their behalf by the cell's secretary, with a note),
 * questions answered and published as Q&amp;A, one answered only and one left new. Every write has its
 * audit line and its event, so reporting counts the reads. It never touches a handbook that already has
 * items: a restart adds nothing.
 *
 * <p>The demo cell is the one of the first official member with a smartphone in the registry's order,
 * the member the identity module's demo accounts are made for; that member is left unread, so the
 * demo member has something to read and the demo secretary someone on the unread list.
 */
@Component(service = HealthIndicator.class, immediate = true, configurationPid = DemoLibrary.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DemoLibrary.Config.class)
public class DemoLibrary implements HealthIndicator {
    static final String PID = "org.sotay.handbook.demo";
    static final String JOB = "handbook.demo";
    private static final Logger LOG = LoggerFactory.getLogger(DemoLibrary.class);

    @ObjectClassDefinition(id = PID, name = "Sotay demo library", description = "A small handbook library for the demo province, written once into an empty handbook")
    @interface Config {
        @AttributeDefinition(description = "Share of the demo cell's members who have read the mandatory resolution, percent (other cells vary around it)")
        int readPercent() default 70;

        @AttributeDefinition(description = "At most how many cells of the demo cell's commune (the demo cell first) have reads")
        int cells() default 40;

        @AttributeDefinition(description = "Random seed of who has read: the same seed, the same reads")
        long seed() default 20261202L;
    }

    /** What the demo wrote, for the tracked job's result and the health check. */
    record Written(String rootId, String districtId, String cellId, String mandatoryItemId, int items, int reads, int onBehalf) {
    }

    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Clock clock;
    private final OrgTree tree;
    private final MemberService members;
    private final OrgUnitService units;
    private final EditorService editor;
    private final ReadingService reading;
    private final FeedbackService feedback;
    private final CatalogService catalog;
    private final Scheduler scheduler;
    private final int readPercent;
    private final int cells;
    private final long seed;
    private final Scheduler.Handle waiter;
    private volatile String jobId;
    private volatile HealthResult state = HealthResult.down("demo library: waiting for the demo province");
    private int attempts;
    /** Said once in the log: the first tick that found the registry's tables locked by the province's load. */
    private boolean waitedOnLocks;
    static final String LOCKED = "demo library: waiting for the demo province to finish loading (the registry's tables are locked)";

    @Activate
    public DemoLibrary(Config config, @Reference HandbookSchema schema, @Reference(target = "(osgi.unit.name=sotay-handbook)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Clock clock, @Reference OrgTree tree, @Reference MemberService members,
            @Reference OrgUnitService units, @Reference EditorService editor, @Reference ReadingService reading,
            @Reference FeedbackService feedback, @Reference CatalogService catalog, @Reference Scheduler scheduler) {
        this(config.readPercent(), config.cells(), config.seed(), jpa, callers, clock, tree, members, units, editor, reading, feedback, catalog,
                scheduler, Duration.ofSeconds(3));
    }

    DemoLibrary(int readPercent, int cells, long seed, JpaTemplate jpa, CallerContext callers, Clock clock, OrgTree tree, MemberService members,
            OrgUnitService units, EditorService editor, ReadingService reading, FeedbackService feedback, CatalogService catalog,
            Scheduler scheduler, Duration period) {
        this.readPercent = Math.max(0, Math.min(100, readPercent));
        this.cells = Math.max(1, cells);
        this.seed = seed;
        this.jpa = jpa;
        this.callers = callers;
        this.clock = clock;
        this.tree = tree;
        this.members = members;
        this.units = units;
        this.editor = editor;
        this.reading = reading;
        this.feedback = feedback;
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.waiter = scheduler.schedule(Schedule.onceInCluster("handbook.demo-wait", period).after(period), this::tick);
    }

    @Deactivate
    void stop() {
        waiter.cancel();
    }

    @Override
    public String name() {
        return "handbook-demo";
    }

    @Override
    public HealthResult check() {
        String id = jobId;
        if (id != null && state.status() != HealthResult.Status.UP) {
            Optional<JobState> job = scheduler.job(id);
            if (job.isPresent() && job.get().status() == JobState.Status.RUNNING) {
                return HealthResult.down("demo library: " + job.get().phase());
            }
        }
        return state;
    }

    /** The tracked job of the demo, once started on this node. */
    Optional<JobState> job() {
        String id = jobId;
        return id == null ? Optional.empty() : scheduler.job(id);
    }

    /** One look: is the province there, is the library there, did our job end. */
    private void tick(Scheduler.JobControl control) {
        String id = jobId;
        if (id != null) {
            JobState job = scheduler.job(id).orElse(null);
            if (job == null || job.status() == JobState.Status.RUNNING) {
                return;
            }
            if (job.status() == JobState.Status.DONE) {
                state = HealthResult.up(Map.of("demo", job.result() == null ? "" : job.result()));
                control.stop();
                return;
            }
            LOG.warn("Thư viện mẫu chưa tạo được / The demo library failed: {}", job.error());
            jobId = null;
            if (++attempts >= 3) {
                state = HealthResult.down("demo library failed; see the log");
                control.stop();
                return;
            }
        }
        String root;
        try {
            root = provinceRoot();
        } catch (RuntimeException e) {
            if (!LockWaits.ranOut(e)) {
                throw e;
            }
            // on Derby the province's load writes its members in one transaction and holds the registry's
            // tables: waiting for it is the expected state of a first start, not a failure worth a stack trace
            if (!waitedOnLocks) {
                waitedOnLocks = true;
                LOG.info("Thư viện mẫu chờ tỉnh mẫu nạp xong / The demo library waits for the demo province to finish loading: {}",
                        e.getMessage() == null ? e.getClass().getName() : e.getMessage().lines().findFirst().orElse(""));
            }
            state = HealthResult.down(LOCKED);
            return;
        }
        if (root == null) {
            return; // the registry's demo province is still loading
        }
        if (items() > 0) {
            state = HealthResult.up(Map.of("demo", "the handbook already has items; nothing written"));
            control.stop();
            return;
        }
        state = HealthResult.down("demo library: writing");
        jobId = scheduler.start(JOB, "system:handbook-demo", progress -> {
            Written w = write(progress);
            return w == null ? "{\"written\":false}"
                    : "{\"written\":true,\"items\":" + w.items() + ",\"reads\":" + w.reads() + ",\"onBehalf\":" + w.onBehalf() + "}";
        }).id();
    }

    /** The root of the province once the registry has a root and an official member under it, else {@code null}. */
    private String provinceRoot() {
        List<String> roots = tree.roots();
        if (roots.isEmpty()) {
            return null;
        }
        String root = roots.get(0);
        return firstMember(root).isPresent() ? root : null;
    }

    private Optional<Member> firstMember(String root) {
        Page<Member> page = as(DemoCaller.staff("system:handbook-demo", "Thư viện mẫu", root), () -> members.search(
                new MemberQuery(null, null, MemberStatus.OFFICIAL, true, null, null), PageRequest.of(0, 1)));
        return page.getItems().stream().findFirst();
    }

    private long items() {
        return jpa.txExpr(TransactionType.Required, em -> Sql.count(em.unwrap(Connection.class), "SELECT COUNT(*) FROM HBK_ITEM"));
    }

    /** Writes the library in one transaction; {@code null} when the handbook has items already (another node, an earlier start). */
    Written write(Scheduler.Progress progress) {
        return jpa.txExpr(TransactionType.Required, em -> {
            if (Sql.count(em.unwrap(Connection.class), "SELECT COUNT(*) FROM HBK_ITEM") > 0) {
                return null;
            }
            Written w = new Writer(progress).write();
            LOG.info("Đã tạo thư viện mẫu / Demo library written: {}", w);
            return w;
        });
    }

    private <T> T as(Caller caller, Callable<T> work) {
        try {
            return callers.runAs(caller, work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One run of the demo: the province's places, then the items, the reads and the questions. */
    private final class Writer {
        private final Scheduler.Progress progress;
        private final LocalDate today = LocalDate.now(clock);
        private final Random random = new Random(seed);
        private String root;
        private OrgUnit district;
        private OrgUnit cell;
        private Member demoMember;
        private Caller province;
        private Caller districtStaff;
        private int items;
        private int reads;
        private int onBehalf;

        Writer(Scheduler.Progress progress) {
            this.progress = progress;
        }

        Written write() {
            root = tree.roots().get(0);
            province = DemoCaller.staff("demo:van-phong-tinh-uy", "Văn phòng Tỉnh ủy (dữ liệu mẫu)", root);
            demoMember = firstMember(root).orElseThrow(() -> new IllegalStateException("the demo province has no official member"));
            List<String> lineage = tree.lineage(demoMember.cellId());
            cell = as(province, () -> units.get(demoMember.cellId()));
            district = as(province, () -> units.get(lineage.get(Math.min(1, lineage.size() - 1))));
            districtStaff = DemoCaller.staff("demo:ban-tuyen-giao-" + district.code(), "Ban Tuyên giáo " + district.name() + " (dữ liệu mẫu)",
                    district.id());
            progress.at("categories", 0, 4);
            Map<String, String> categories = categories();
            progress.at("items", 1, 4);
            String provincial = provincialItems(categories);
            districtItems(categories);
            OrgUnit commune = as(province, () -> units.get(lineage.get(Math.max(0, lineage.size() - 2))));
            String mandatory = communeItem(categories, commune);
            progress.at("reads", 2, 4);
            reads(mandatory, commune.id());
            progress.at("questions", 3, 4);
            questions(provincial, mandatory);
            progress.at("done", 4, 4);
            return new Written(root, district.id(), cell.id(), mandatory, items, reads, onBehalf);
        }

        private Map<String, String> categories() {
            Map<String, String> out = new LinkedHashMap<>();
            as(province, () -> {
                Category docs = catalog.createCategory(new CategoryDraft("Văn kiện, nghị quyết", null));
                out.put("docs", docs.id());
                out.put("province-docs", catalog.createCategory(new CategoryDraft("Của Tỉnh ủy", docs.id())).id());
                out.put("district-docs", catalog.createCategory(new CategoryDraft("Của các huyện ủy, thành ủy", docs.id())).id());
                out.put("cell", catalog.createCategory(new CategoryDraft("Sinh hoạt chi bộ", null)).id());
                out.put("news", catalog.createCategory(new CategoryDraft("Tin hoạt động", null)).id());
                out.put("qa", catalog.createCategory(new CategoryDraft("Hỏi đáp nghiệp vụ", null)).id());
                return null;
            });
            return out;
        }

        /** The province's items; the id of its resolution (with the PDF). */
        private String provincialItems(Map<String, String> cat) {
            Audience everyone = new Audience(List.of(root), List.of());
            Item resolution = create(province, new ItemDraft("resolution", cat.get("province-docs"),
                    "Nghị quyết số 15-NQ/TU về đẩy mạnh chuyển đổi số trong công tác xây dựng Đảng giai đoạn 2026–2030",
                    "Mục tiêu đến năm 2030: 100% chi bộ sinh hoạt có tài liệu trên Sổ tay đảng viên điện tử trước ngày họp ít nhất một ngày; "
                            + "90% đảng viên dùng điện thoại thông minh cài đặt và sử dụng ứng dụng.",
                    """
                            *Tài liệu mẫu để dùng thử Sổ tay đảng viên điện tử.*

                            ## I. Tình hình

                            Toàn Đảng bộ tỉnh có trên 57.000 đảng viên sinh hoạt tại hơn 1.800 chi bộ. Nhiều chi bộ ở vùng cao, sóng điện thoại yếu; \
                            nhiều đảng viên cao tuổi chưa quen dùng điện thoại thông minh.

                            ## II. Mục tiêu

                            1. Đến hết năm 2027, 100% chi bộ được cài đặt và hướng dẫn sử dụng Sổ tay đảng viên điện tử.
                            2. Tài liệu sinh hoạt chi bộ được đưa lên sổ tay **trước ngày họp ít nhất một ngày** (Hướng dẫn số 42).
                            3. Đảng viên không có điện thoại được bí thư chi bộ đọc, phổ biến và ghi nhận "đọc hộ".

                            ## III. Nhiệm vụ và giải pháp

                            - Các huyện ủy, thành ủy và đảng ủy trực thuộc xây dựng kế hoạch thực hiện, phân công cán bộ phụ trách từng chi bộ.
                            - Ban Tuyên giáo Tỉnh ủy cập nhật nghị quyết, chỉ thị, chuyên đề sinh hoạt lên sổ tay hằng tháng.
                            - Chi bộ thảo luận, góp ý cách dùng ứng dụng để phần mềm ngày càng dễ dùng.
                            """, List.of("chuyển đổi số", "xây dựng Đảng"), "Ban Chấp hành Đảng bộ tỉnh", "15-NQ/TU", today.minusDays(20), root, everyone,
                    false, null, null), List.of(pdf("Nghị quyết số 15-NQ/TU (toàn văn).pdf", "Nghị quyết số 15-NQ/TU về đẩy mạnh chuyển đổi số",
                            List.of("DANG BO TINH TUYEN QUANG", "NGHI QUYET SO 15-NQ/TU", "ve day manh chuyen doi so trong cong tac xay dung Dang",
                                    "giai doan 2026-2030", "", "(Tai lieu mau cua Sotay / demo document)"))));
            create(province, new ItemDraft("directive", cat.get("province-docs"),
                    "Chỉ thị số 08-CT/TU về nâng cao chất lượng sinh hoạt chi bộ",
                    "Chi bộ sinh hoạt thường kỳ mỗi tháng một lần, có nội dung thiết thực; sinh hoạt chuyên đề ít nhất mỗi quý một lần.",
                    """
                            *Tài liệu mẫu để dùng thử Sổ tay đảng viên điện tử.*

                            Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy:

                            1. Duy trì **nền nếp sinh hoạt chi bộ** đúng kỳ, đúng thành phần; bí thư chi bộ chuẩn bị nội dung trước.
                            2. Đưa tài liệu cuộc họp lên sổ tay điện tử trước ngày họp; đảng viên đọc trước để góp ý.
                            3. Ghi biên bản đầy đủ; cấp ủy cấp trên theo dõi, hướng dẫn các chi bộ còn lúng túng.
                            """, List.of("sinh hoạt chi bộ"), "Ban Thường vụ Tỉnh ủy", "08-CT/TU", today.minusDays(45), root, everyone, false, null, null),
                    List.of());
            create(province, new ItemDraft("guidance", cat.get("cell"),
                    "Hướng dẫn số 12-HD/BTCTU về ghi nhận đọc hộ và biên bản sinh hoạt chi bộ trên sổ tay điện tử",
                    "Dành cho bí thư chi bộ: cách ghi nhận đảng viên đã đọc tài liệu bắt buộc khi không có điện thoại, và cách ghi biên bản.",
                    """
                            *Tài liệu mẫu, chỉ gửi bí thư chi bộ.*

                            ## Ghi nhận đọc hộ

                            Khi đảng viên không có điện thoại (thường là đảng viên cao tuổi), bí thư chi bộ đọc to tài liệu tại buổi sinh hoạt \
                            hoặc đến nhà đọc cho đồng chí nghe, rồi ghi nhận **"đọc hộ"** kèm một ghi chú ngắn, ví dụ: "Đọc to tại buổi sinh hoạt chi bộ".

                            Lượt đọc hộ được tính vào tỉ lệ đọc và được báo cáo riêng với lượt tự đọc.

                            ## Danh sách chưa đọc

                            Chỉ bí thư của chính chi bộ thấy tên đảng viên chưa đọc; cấp trên chỉ thấy tỉ lệ.
                            """, List.of("bí thư chi bộ", "hướng dẫn nghiệp vụ"), "Ban Tổ chức Tỉnh ủy", "12-HD/BTCTU", today.minusDays(10), root,
                    new Audience(List.of(root), List.of("CELL_SECRETARY")), false, null, null), List.of());
            create(province, new ItemDraft("topic", cat.get("cell"),
                    "Chuyên đề sinh hoạt chi bộ tháng 12/2026: Thực hành tiết kiệm, chống lãng phí theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                    "Gợi ý nội dung thảo luận và liên hệ bản thân cho buổi sinh hoạt chuyên đề cuối năm.",
                    """
                            ## Gợi ý nội dung

                            1. Đọc trích đoạn: *"Tiết kiệm là thi đua, thi đua là ái quốc."*
                            2. Liên hệ thực tế ở thôn, bản, cơ quan: những việc còn lãng phí (điện, nước, thời gian họp, giấy tờ).
                            3. Mỗi đảng viên nêu một việc làm cụ thể trong năm 2027.

                            ## Gợi ý cách tổ chức

                            - Bí thư chi bộ giới thiệu chuyên đề khoảng 15 phút.
                            - Đảng viên thảo luận; chi bộ thống nhất việc làm chung và ghi vào biên bản.
                            """, List.of("học tập và làm theo Bác", "chuyên đề"), null, null, null, root, everyone, false, null, null), List.of());
            create(province, new ItemDraft("news", cat.get("news"),
                    "Hội nghị trực tuyến quán triệt Nghị quyết 15-NQ/TU đến 100% chi bộ",
                    "Hội nghị được kết nối tới các điểm cầu xã, phường, thị trấn; nơi chưa có mạng, chi bộ nhận tài liệu qua gói ngoại tuyến.",
                    """
                            Sáng nay, Ban Thường vụ Tỉnh ủy tổ chức hội nghị trực tuyến quán triệt Nghị quyết số 15-NQ/TU tới 100% chi bộ trong toàn tỉnh.

                            Tại các điểm cầu vùng cao chưa có mạng ổn định, bí thư chi bộ tải gói tài liệu ngoại tuyến ở nhà văn hóa có Wi-Fi, \
                            rồi phổ biến lại cho đảng viên tại buổi sinh hoạt.
                            """, List.of("chuyển đổi số"), null, null, null, root, everyone, false, null, null), List.of());
            return resolution.id();
        }

        /** The district's items, for its subtree only. */
        private void districtItems(Map<String, String> cat) {
            Audience wholeDistrict = new Audience(List.of(district.id()), List.of());
            String place = district.name().replaceFirst("^Đảng bộ ", "");
            boolean city = place.startsWith("Thành phố");
            String number = "06-NQ/" + (city ? "ThU" : "HU");
            String committee = city ? "Thành ủy" : "Huyện ủy";
            create(districtStaff, new ItemDraft("resolution", cat.get("district-docs"),
                    "Nghị quyết số " + number + " về phát triển kinh tế nông, lâm nghiệp gắn với xây dựng nông thôn mới năm 2027",
                    "Mục tiêu, nhiệm vụ của " + committee + " về kinh tế nông, lâm nghiệp và nông thôn mới; các chi bộ cụ thể hóa thành việc làm.",
                    """
                            *Tài liệu mẫu để dùng thử Sổ tay đảng viên điện tử.*

                            ## Mục tiêu năm 2027

                            - Trồng mới rừng sản xuất, chăm sóc diện tích chè, cam hiện có; giữ vững độ che phủ rừng.
                            - Thêm ít nhất hai xã đạt chuẩn nông thôn mới nâng cao.
                            - Mỗi chi bộ thôn, bản có ít nhất một mô hình kinh tế hộ gia đình để đảng viên học tập.

                            ## Nhiệm vụ của chi bộ

                            1. Thảo luận, cụ thể hóa thành việc làm của chi bộ và của từng đảng viên.
                            2. Báo cáo kết quả về cấp ủy cấp trên trước ngày 20 hằng tháng.
                            """, List.of("nông thôn mới", "kinh tế"), "Ban Chấp hành " + district.name(), number, today.minusDays(25), district.id(),
                    wholeDistrict, false, null, null), List.of());
            create(districtStaff, new ItemDraft("topic", cat.get("cell"),
                    "Chuyên đề quý I/2027: Vai trò của chi bộ trong xây dựng thôn, bản văn hóa",
                    "Nội dung gợi ý cho chi bộ các thôn, bản, tổ dân phố của " + place + ".",
                    """
                            ## Nội dung

                            - Chi bộ lãnh đạo thực hiện hương ước, quy ước của thôn, bản.
                            - Đảng viên gương mẫu trong việc cưới, việc tang, giữ gìn bản sắc văn hóa dân tộc.
                            - Phối hợp với Mặt trận và các đoàn thể vận động nhân dân giữ vệ sinh môi trường.
                            """, List.of("chuyên đề", "văn hóa"), null, null, null, district.id(), wholeDistrict, false, null, null), List.of());
            create(districtStaff, new ItemDraft("news", cat.get("news"),
                    place + ": các chi bộ vùng cao hoàn thành cài đặt Sổ tay đảng viên điện tử",
                    "Cán bộ hỗ trợ cài đặt đến từng thôn, bản; đảng viên cao tuổi được hướng dẫn nghe bản ghi âm tài liệu.",
                    """
                            Trong tháng, %s cử cán bộ hỗ trợ cài đặt ứng dụng Sổ tay đảng viên điện tử cho đảng viên các chi bộ vùng cao.

                            Nơi sóng điện thoại yếu, đảng viên được hướng dẫn tải tài liệu khi có Wi-Fi ở nhà văn hóa và đọc lại khi không có mạng.
                            """.formatted(committee), List.of("chuyển đổi số"), null, null, null, district.id(), wholeDistrict, false, null,
                    null), List.of());
        }

        /** The demo commune's resolution, mandatory for its members with a deadline, with an audio reading; its id. */
        private String communeItem(Map<String, String> cat, OrgUnit commune) {
            Item mandatory = create(districtStaff, new ItemDraft("resolution", cat.get("district-docs"),
                    "Nghị quyết số 21-NQ/ĐU về lãnh đạo thực hiện nhiệm vụ phát triển kinh tế – xã hội, quốc phòng – an ninh năm 2027",
                    "Tài liệu bắt buộc đọc trước kỳ sinh hoạt chi bộ tháng này. Có bản ghi âm cho đảng viên khó đọc chữ nhỏ.",
                    """
                            *Tài liệu mẫu để dùng thử Sổ tay đảng viên điện tử.*

                            ## Chỉ tiêu chủ yếu năm 2027

                            - Thu nhập bình quân đầu người tăng ít nhất 8%; giảm 2% hộ nghèo.
                            - 100% thôn có đường bê tông đến trung tâm; 100% chi bộ sinh hoạt có tài liệu trên sổ tay điện tử.
                            - Hoàn thành chỉ tiêu giao quân; giữ vững an ninh trật tự ở thôn, bản.

                            ## Nhiệm vụ của chi bộ và đảng viên

                            1. **Đọc nghị quyết trước kỳ sinh hoạt chi bộ**; đảng viên không có điện thoại được bí thư chi bộ đọc hộ                             hoặc nghe bản ghi âm kèm theo.
                            2. Mỗi chi bộ đăng ký ít nhất một việc làm cụ thể; mỗi đảng viên nhận phụ trách hộ gia đình.
                            3. Bí thư chi bộ báo cáo kết quả về Đảng ủy trước ngày 20 hằng tháng.
                            """, List.of("kinh tế – xã hội", "quốc phòng – an ninh"), "Ban Chấp hành " + commune.name(), "21-NQ/ĐU",
                    today.minusDays(3), district.id(), new Audience(List.of(commune.id()), List.of()), true, today.plusDays(10), null),
                    List.of(audio("Nghị quyết 21-NQ-ĐU (bản đọc).wav")));
            return mandatory.id();
        }

        /**
         * Reads of the mandatory item in the cells of the demo cell's commune (the demo cell first, at
         * {@code readPercent}; the others spread around it): a member with a smartphone reads themselves, one without
         * is read to by the cell's secretary, who records it with a note. The demo member stays unread.
         */
        private void reads(String itemId, String communeId) {
            List<OrgUnit> chosen = new ArrayList<>();
            chosen.add(cell);
            Page<OrgUnit> siblings = as(province, () -> units.children(communeId, PageRequest.of(0, PageRequest.MAX_LIMIT)));
            for (OrgUnit u : siblings.getItems()) {
                if (chosen.size() < cells && "CELL".equals(u.typeCode()) && !u.id().equals(cell.id())) {
                    chosen.add(u);
                }
            }
            String[] notes = { "Đọc to tại buổi sinh hoạt chi bộ", "Bí thư đến nhà đọc cho đồng chí nghe", "Nghe bản ghi âm trên điện thoại của bí thư chi bộ" };
            for (int i = 0; i < chosen.size(); i++) {
                OrgUnit c = chosen.get(i);
                int percent = i == 0 ? readPercent : Math.max(0, Math.min(100, readPercent - 35 + random.nextInt(56)));
                List<Member> eligible = new ArrayList<>();
                for (Member m : cellMembers(c.id())) {
                    if (m.status().active() && m.status() != MemberStatus.EXEMPT && !m.id().equals(demoMember.id())) {
                        eligible.add(m);
                    }
                }
                java.util.Collections.shuffle(eligible, random);
                int n = (int) Math.round(eligible.size() * percent / 100.0);
                Caller secretary = DemoCaller.secretary("demo:bi-thu-" + c.code(), "Bí thư " + c.name(), c.id());
                for (Member m : eligible.subList(0, n)) {
                    if (m.usesSmartphone()) {
                        as(DemoCaller.member("demo:member-" + m.id(), m.fullName(), m.id(), c.id()),
                                () -> reading.read(itemId, new ReadReceipt(null, "demo-" + m.id(), null)));
                    } else {
                        as(secretary, () -> reading.readOnBehalf(itemId, new OnBehalfRead(m.id(), notes[random.nextInt(notes.length)], null, null)));
                        onBehalf++;
                    }
                    reads++;
                }
            }
        }

        private List<Member> cellMembers(String cellId) {
            List<Member> out = new ArrayList<>();
            for (int offset = 0;; offset += PageRequest.MAX_LIMIT) {
                int from = offset;
                Page<Member> page = as(province, () -> members.search(new MemberQuery(null, cellId, null, null, null, null),
                        PageRequest.of(from, PageRequest.MAX_LIMIT)));
                out.addAll(page.getItems());
                if (page.getItems().size() < PageRequest.MAX_LIMIT) {
                    return out;
                }
            }
        }

        /** Questions from members: two answered and published as Q&A, one answered only, one left new for the staff to try. */
        private void questions(String provincialId, String mandatoryId) {
            List<Member> inCell = cellMembers(cell.id()).stream().filter(m -> m.status().active() && !m.id().equals(demoMember.id())).toList();
            Member asker1 = inCell.isEmpty() ? demoMember : inCell.get(0);
            Member asker2 = inCell.size() > 1 ? inCell.get(1) : asker1;
            Feedback q1 = send(asker1, new FeedbackDraft(FeedbackTopic.QUESTION, mandatoryId,
                    "Đảng viên không có điện thoại thì tính đã đọc thế nào?",
                    "Chi bộ tôi có mấy đồng chí cao tuổi không dùng điện thoại. Các đồng chí ấy đã nghe đọc nghị quyết ở buổi sinh hoạt "
                            + "thì có được tính là đã đọc không?", null, false));
            as(districtStaff, () -> feedback.answer(q1.id(), new FeedbackAnswer("Có. Bí thư chi bộ (hoặc cán bộ hỗ trợ cài đặt) mở tài liệu, chọn "
                    + "\"Ghi nhận đọc hộ\", chọn tên đồng chí đảng viên và ghi chú ngắn, ví dụ \"Đọc to tại buổi sinh hoạt chi bộ\". "
                    + "Lượt đọc hộ được tính vào tỉ lệ đọc và báo cáo riêng với lượt tự đọc.", q1.version())));
            publishQa(districtStaff, q1.id(), district.id());
            Feedback q2 = send(asker2, new FeedbackDraft(FeedbackTopic.QUESTION, provincialId,
                    "Đảng viên được miễn sinh hoạt có phải đọc tài liệu bắt buộc không?",
                    "Bố tôi là đảng viên đã được miễn sinh hoạt đảng vì tuổi cao. Ứng dụng có yêu cầu đồng chí ấy đọc tài liệu bắt buộc không?",
                    null, true));
            as(province, () -> feedback.answer(q2.id(), new FeedbackAnswer("Không bắt buộc. Đảng viên được miễn sinh hoạt không tính vào số "
                    + "phải đọc; nếu đồng chí vẫn đọc thì lượt đọc vẫn được ghi nhận. Gia đình có thể giúp đồng chí nghe bản ghi âm của tài liệu.",
                    q2.version())));
            publishQa(province, q2.id(), root);
            Feedback software = send(asker1, new FeedbackDraft(FeedbackTopic.SOFTWARE, null, "Chữ hơi nhỏ",
                    "Chữ trong ứng dụng hơi nhỏ so với mắt người lớn tuổi. Đề nghị có nút phóng to chữ ngay trên màn hình tài liệu.", null, false));
            as(districtStaff, () -> feedback.answer(software.id(), new FeedbackAnswer("Cảm ơn đồng chí. Ý kiến đã được chuyển tới nhóm phát triển; "
                    + "trong khi chờ, đồng chí có thể tăng cỡ chữ trong phần Cài đặt của điện thoại và nghe bản ghi âm nếu tài liệu có.",
                    software.version())));
            send(asker2, new FeedbackDraft(FeedbackTopic.QUESTION, null, "Tải tài liệu khi không có mạng",
                    "Ở thôn tôi sóng yếu. Có cách nào tải tài liệu trước ở nhà văn hóa để về nhà đọc không?", null, false));
        }

        private Feedback send(Member m, FeedbackDraft draft) {
            return as(DemoCaller.member("demo:member-" + m.id(), m.fullName(), m.id(), m.cellId()), () -> feedback.send(draft));
        }

        private void publishQa(Caller staff, String feedbackId, String unit) {
            Item qa = as(staff, () -> feedback.toQa(feedbackId, new QaDraft(unit, new Audience(List.of(unit), List.of()), null)));
            as(staff, () -> editor.publish(qa.id(), null, qa.version()));
            items++;
        }

        private Item create(Caller staff, ItemDraft draft, List<Attachment> files) {
            return as(staff, () -> {
                Item item = editor.create(draft);
                for (Attachment a : files) {
                    editor.attach(item.id(), a.name(), new ByteArrayInputStream(a.bytes()));
                }
                Item fresh = editor.get(item.id());
                Item published = editor.publish(fresh.id(), null, fresh.version());
                items++;
                return published;
            });
        }
    }

    private record Attachment(String name, byte[] bytes) {
    }

    private static Attachment pdf(String name, String title, List<String> lines) {
        return new Attachment(name, DemoFiles.pdf(title, lines));
    }

    private static Attachment audio(String name) {
        return new Attachment(name, DemoFiles.wav(2400));
    }

    /** The demo's actors: the province's and a district's staff, a cell's secretary, members; each named in the audit trail as demo data. */
    static final class DemoCaller {
        private DemoCaller() {
        }

        /** Every handbook permission and registry reads at {@code unit}. */
        static Caller staff(String subject, String name, String unit) {
            return GrantedCaller.of(subject, name, null, Map.of("handbook.*", Set.of(unit), "registry.read", Set.of(unit)));
        }

        static Caller secretary(String subject, String name, String cell) {
            return GrantedCaller.of(subject, name, null, Map.of(HandbookPermissions.READING_RECORD, Set.of(cell), "registry.read", Set.of(cell)));
        }

        static Caller member(String subject, String name, String memberId, String cell) {
            return GrantedCaller.of(subject, name, memberId, Map.of(HandbookPermissions.READ, Set.of(cell)));
        }
    }
}
