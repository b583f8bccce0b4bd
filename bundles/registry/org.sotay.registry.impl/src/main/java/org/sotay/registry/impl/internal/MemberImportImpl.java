package org.sotay.registry.impl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.registry.api.Gender;
import org.sotay.core.api.CsvReader;
import org.sotay.core.api.blobs.BlobInfo;
import org.sotay.core.api.blobs.BlobStore;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.Scope;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.sotay.registry.api.ImportJob;
import org.sotay.registry.api.ImportReport;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberImport;
import org.sotay.registry.api.RegistryEvents;
import org.sotay.registry.api.RegistryPermissions;

/**
 * CSV import: everything is checked first; the file is applied only when clean, in one transaction.
 * A background import stores the upload in the platform's file store (so the job reads it from the
 * database, whichever node takes the request) and runs as a tracked job of the scheduler.
 */
@Component(service = MemberImport.class, configurationPid = MemberImportImpl.PID, property = "sotay.replaceable=org.sotay.registry.api.MemberImport")
@Designate(ocd = MemberImportImpl.Config.class)
public class MemberImportImpl implements MemberImport {
    static final String PID = "org.sotay.registry.import";
    static final String JOB_KIND = "registry.import";
    /** Largest file accepted, in rows (a province is ~60,000). */
    static final int MAX_ROWS = 200_000;

    @ObjectClassDefinition(id = PID, name = "Sotay member import", description = "Limits of member CSV imports")
    @interface Config {
        @AttributeDefinition(description = "Largest CSV file a background import takes, in bytes (the request limit of the REST "
                + "application applies too)")
        long maxFileBytes() default 32L * 1024 * 1024;
    }
    /** 25/05/2024; strict, so 31/02 is an error rather than quietly 28/02. */
    private static final DateTimeFormatter VN_DATE = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        alias("cardNumber", "so the", "so the dang vien", "so the dang");
        alias("fullName", "ho va ten", "ho ten");
        alias("dateOfBirth", "ngay sinh");
        alias("gender", "gioi tinh");
        alias("ethnicity", "dan toc");
        alias("dateAdmitted", "ngay vao dang", "ngay ket nap");
        alias("dateOfficial", "ngay chinh thuc");
        alias("cellCode", "ma chi bo");
        alias("phone", "dien thoai", "so dien thoai");
        alias("email", "thu dien tu");
        alias("usesSmartphone", "dien thoai thong minh", "dung dien thoai thong minh");
    }

    /** Columns of our own export that the import does not take (they change through their own operations). */
    private static final Set<String> EXPORT_ONLY = Set.of("status", "appInstalled", "accountRegistered");

    private static void alias(String field, String... vietnamese) {
        ALIASES.put(VietnameseText.fold(field), field);
        for (String v : vietnamese) {
            ALIASES.put(v, field);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int MAX_REPORT_CHARS = 32_000;

    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Journal journal;
    private final Clock clock;
    private final Scheduler scheduler;
    private final BlobStore blobs;
    private volatile long maxFileBytes;

    @Activate
    public MemberImportImpl(Config config, @Reference RegistrySchema schema,
            @Reference(target = "(osgi.unit.name=sotay-registry)") JpaTemplate jpa, @Reference CallerContext callers,
            @Reference Journal journal, @Reference Clock clock, @Reference Scheduler scheduler, @Reference BlobStore blobs) {
        this(jpa, callers, journal, clock, scheduler, blobs);
        configure(config);
    }

    /** Outside OSGi (tests). */
    MemberImportImpl(JpaTemplate jpa, CallerContext callers, Journal journal, Clock clock, Scheduler scheduler, BlobStore blobs) {
        this.jpa = jpa;
        this.callers = callers;
        this.journal = journal;
        this.clock = clock;
        this.scheduler = scheduler;
        this.blobs = blobs;
        this.maxFileBytes = 32L * 1024 * 1024;
    }

    @Modified
    void configure(Config config) {
        maxFileBytes = config.maxFileBytes();
    }

    /** One parsed row. */
    record Row(int number, MemberDraft draft, String cellCode) {
    }

    /** Where an import is: {@code phase} with {@code done} of {@code total} rows (total 0 while unknown). */
    interface Progress {
        Progress NONE = (phase, done, total) -> {
        };

        void at(String phase, int done, int total);
    }

    @Override
    public ImportReport importCsv(InputStream csv, boolean dryRun) {
        return run(csv, dryRun, Progress.NONE);
    }

    @Override
    public ImportJob start(InputStream csv, boolean dryRun) {
        Caller caller = callers.current();
        // the file first, whole, into the shared store: the job reads it from there (a temporary blob, gone in a day at most)
        BlobInfo file = blobs.put(Changes.MODULE, "text/csv", csv, maxFileBytes, Duration.ofDays(1));
        JobState state = scheduler.start(JOB_KIND, caller.subject(), progress -> {
            try (InputStream in = blobs.open(file.id(), 0, -1)) {
                ImportReport report = callers.runAs(caller, () -> run(in, dryRun, progress::at));
                return json(report);
            } finally {
                blobs.delete(file.id());
            }
        });
        return toJob(state, dryRun);
    }

    @Override
    public ImportJob job(String id) {
        Caller caller = callers.current();
        JobState state = scheduler.job(id).filter(j -> JOB_KIND.equals(j.kind()) && j.owner().equals(caller.subject())).orElseThrow(
                () -> SotayException.notFound(Text.of("Không có lần nhập này.", "There is no such import job.")));
        return toJob(state, null);
    }

    private static ImportJob toJob(JobState j, Boolean dryRun) {
        ImportReport report = null;
        if (j.result() != null) {
            try {
                report = JSON.readValue(j.result(), ImportReport.class);
            } catch (IOException e) {
                throw new IllegalStateException("import job " + j.id() + " has an unreadable report", e);
            }
        }
        boolean dry = dryRun != null ? dryRun : report != null && report.dryRun();
        ImportJob.Status status = ImportJob.Status.valueOf(j.status().name());
        String error = j.error() == null ? null : j.error().vi() + " / " + j.error().en();
        return ImportJob.of(j.id(), status, j.phase(), dry, (int) Math.min(Integer.MAX_VALUE, j.total()),
                (int) Math.min(Integer.MAX_VALUE, j.done()), j.startedAt(), j.finishedAt(), report, error);
    }

    /** The report as JSON, its row lists cut to fit the job's result when a file is very wrong (the counts stay exact). */
    static String json(ImportReport r) throws IOException {
        String s = JSON.writeValueAsString(r);
        int keep = 1000;
        while (s.length() > MAX_REPORT_CHARS && keep > 0) {
            keep /= 2;
            ImportReport cut = new ImportReport(r.dryRun(), r.applied(), r.rows(), r.created(), r.updated(), r.unchanged(), r.ignoredColumns(),
                    r.errors().subList(0, Math.min(keep, r.errors().size())), r.conflicts().subList(0, Math.min(keep, r.conflicts().size())));
            s = JSON.writeValueAsString(cut);
        }
        return s;
    }

    ImportReport run(InputStream csv, boolean dryRun, Progress progress) {
        Caller caller = callers.current();
        List<ImportReport.RowError> errors = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<Row> rows = parse(csv, errors, ignored, progress);
        LocalDate today = LocalDate.now(clock);
        return jpa.txExpr(TransactionType.Required, em -> {
            List<ImportReport.Conflict> conflicts = new ArrayList<>();
            // cells by code, within the caller's scope
            Scope scope = Units.scope(em, caller, RegistryPermissions.MEMBER_WRITE);
            Map<String, UnitEntity> cells = new HashMap<>();
            Set<String> codes = new HashSet<>();
            rows.forEach(r -> {
                if (r.cellCode() != null && r.cellCode().length() <= 40) {
                    codes.add(r.cellCode());
                }
            });
            List<String> codeList = new ArrayList<>(codes);
            for (int i = 0; i < codeList.size(); i += 500) {
                for (UnitEntity u : Units.bind(em.createQuery("SELECT u FROM UnitEntity u WHERE u.code IN :codes AND "
                        + scope.jpql("u.path"), UnitEntity.class), scope).setParameter("codes", codeList.subList(i, Math.min(i + 500, codeList.size())))
                        .getResultList()) {
                    cells.put(u.code, u);
                }
            }
            Set<String> memberTypes = new HashSet<>(em.createQuery("SELECT t.code FROM UnitTypeEntity t WHERE t.holdsMembers = :yes",
                    String.class).setParameter("yes", true).getResultList());
            // existing members by card, whoever's scope they are in (cards are unique nationally)
            Map<String, MemberEntity> existing = new HashMap<>();
            List<String> cards = rows.stream().map(r -> MemberRules.normaliseCard(r.draft().cardNumber()))
                    .filter(c -> c != null && c.length() <= 20).toList();
            for (int i = 0; i < cards.size(); i += 500) {
                for (MemberEntity m : em.createQuery("SELECT m FROM MemberEntity m WHERE m.cardNumber IN :cards", MemberEntity.class)
                        .setParameter("cards", cards.subList(i, Math.min(i + 500, cards.size()))).getResultList()) {
                    existing.put(m.cardNumber, m);
                }
            }
            Map<String, String> pathOfCell = new HashMap<>();
            Set<String> seen = new HashSet<>();
            List<Row> creates = new ArrayList<>();
            Map<Row, MemberEntity> updates = new LinkedHashMap<>();
            int unchanged = 0;
            int checked = 0;
            progress.at("checking", 0, rows.size());
            for (Row r : rows) {
                if (++checked % 1000 == 0) {
                    progress.at("checking", checked, rows.size());
                }
                UnitEntity cell = cells.get(r.cellCode());
                MemberDraft d = r.draft();
                String card = MemberRules.normaliseCard(d.cardNumber());
                if (cell != null) {
                    d = withCell(d, cell.id);
                }
                Validation v = MemberRules.check(d, false, today);
                for (FieldError f : v.errors()) {
                    errors.add(error(r.number(), card, "cellId".equals(f.field()) ? "cellCode" : f.field(), f.code(), f.message()));
                }
                if (r.cellCode() != null && !r.cellCode().isBlank() && cell == null) {
                    errors.add(error(r.number(), card, "cellCode", "unknown", Text.of("Không có chi bộ mã " + Units.shown(r.cellCode())
                            + " trong phạm vi của bạn.", "There is no cell with code " + Units.shown(r.cellCode()) + " within your scope.")));
                    continue;
                }
                if (cell != null && (!cell.open() || !memberTypes.contains(cell.typeCode))) {
                    errors.add(error(r.number(), card, "cellCode", "not-a-cell", Text.of("Đơn vị " + cell.code
                            + " không trực tiếp quản lý đảng viên hoặc đã giải thể.", "Unit " + cell.code + " does not hold members or is closed.")));
                    continue;
                }
                if (v.hasErrors() || card == null) {
                    continue;
                }
                if (!seen.add(card)) {
                    errors.add(error(r.number(), card, "cardNumber", "duplicate-in-file",
                            Text.of("Số thẻ này đã có ở một dòng trước trong tệp.", "This card number is on an earlier row of the file.")));
                    continue;
                }
                MemberEntity m = existing.get(card);
                if (m == null) {
                    creates.add(new Row(r.number(), d, r.cellCode()));
                    continue;
                }
                String path = pathOfCell.computeIfAbsent(m.cellId, id -> em.find(UnitEntity.class, id).path);
                if (!scope.covers(path)) {
                    // cards are unique nationally, so the row cannot be taken; but a member out of scope is told no more than
                    // creating one over the API tells: the card is taken, nothing of whom or where
                    errors.add(error(r.number(), card, "cardNumber", "card-taken", CARD_TAKEN_TEXT));
                } else if (!samePerson(m, d)) {
                    conflicts.add(new ImportReport.Conflict(r.number(), card, Validation.clean(d.fullName()), d.dateOfBirth(), m.id, m.fullName,
                            m.dateOfBirth, "another-person", "Số thẻ đã ghi cho một người khác (họ tên hoặc ngày sinh khác).",
                            "The card is registered to another person (name or date of birth differ)."));
                } else if (!m.cellId.equals(cell.id)) {
                    errors.add(error(r.number(), card, "cellCode", "use-transfer", Text.of(
                            "Đảng viên đang ở chi bộ khác: hãy làm thủ tục chuyển sinh hoạt.", "The member is in another cell: transfer them instead.")));
                } else if (differs(m, d)) {
                    updates.put(r, m);
                } else {
                    unchanged++;
                }
            }
            boolean apply = !dryRun && errors.isEmpty() && conflicts.isEmpty();
            if (apply && creates.size() + updates.size() > 0) {
                write(em, creates, updates, cells, caller, today, clock.millis(), progress);
                // one event and one audit line for the file (a province-wide import is tens of thousands of rows): the cells it
                // touched, and the lowest unit above all of them as the unit the import acted in
                Set<String> touched = new java.util.TreeSet<>();
                creates.forEach(r -> touched.add(r.draft().cellId()));
                updates.values().forEach(m -> touched.add(m.cellId));
                String[] cellIds = touched.toArray(new String[0]);
                String unit = commonAncestor(em, touched);
                Changes.in(journal, em).event(RegistryEvents.MEMBERS_IMPORTED, null, cellIds)
                        .audit("member.import", "import", null, unit, rows.size() + " rows: " + creates.size() + " created, "
                                + updates.size() + " updated, " + unchanged + " unchanged, in " + cellIds.length + " cells");
            }
            errors.sort((a, b) -> Integer.compare(a.row(), b.row()));
            return new ImportReport(dryRun, apply, rows.size(), creates.size(), updates.size(), unchanged, ignored, errors, conflicts);
        });
    }

    /** The lowest unit whose subtree holds every one of {@code cellIds}. */
    private static String commonAncestor(EntityManager em, Set<String> cellIds) {
        List<String> common = null;
        for (String id : cellIds) {
            UnitEntity cell = em.find(UnitEntity.class, id);
            List<String> lineage = Units.lineage(cell.path);
            if (common == null) {
                common = new ArrayList<>(lineage);
            } else {
                int n = 0;
                while (n < common.size() && n < lineage.size() && common.get(n).equals(lineage.get(n))) {
                    n++;
                }
                common = new ArrayList<>(common.subList(0, n));
            }
        }
        return common == null || common.isEmpty() ? null : common.get(common.size() - 1);
    }

    static final Text CARD_TAKEN_TEXT = Text.of("Số thẻ này đã có trong sổ đảng viên; hãy hỏi cấp ủy cấp trên.",
            "This card number is already in the registry; ask the committee above you.");

    private static void write(EntityManager em, List<Row> creates, Map<Row, MemberEntity> updates, Map<String, UnitEntity> cells,
            Caller caller, LocalDate today, long now, Progress progress) {
        int total = creates.size() + updates.size();
        progress.at("writing", 0, total);
        int n = 0;
        // the name index rows go in JDBC batches on the transaction's connection, executed with each flush
        try (java.sql.PreparedStatement words = MemberWords.prepare(em.unwrap(java.sql.Connection.class))) {
            for (Row r : creates) {
                LocalDate from = MemberRules.firstMembershipFrom(r.draft().dateAdmitted(), cells.get(r.cellCode()).validFrom);
                MemberServiceImpl.insert(em, r.draft(), r.draft().cellId(), from, "import", caller, now, today, words);
                if (++n % 1000 == 0) {
                    em.flush();
                    em.clear();
                    words.executeBatch();
                    progress.at("writing", n, total);
                }
            }
            words.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("REG_MEMBER_WORD batch failed", e);
        }
        for (Map.Entry<Row, MemberEntity> e : updates.entrySet()) {
            MemberEntity m = em.contains(e.getValue()) ? e.getValue() : em.find(MemberEntity.class, e.getValue().id);
            // the file has no residence column: keep what the registry knows
            MemberDraft d = e.getKey().draft();
            String keyBefore = m.nameKey;
            String sortBefore = m.sortKey;
            MemberServiceImpl.apply(m, new MemberDraft(d.cardNumber(), d.fullName(), d.dateOfBirth(), d.gender(), d.ethnicity(),
                    d.dateAdmitted(), d.dateOfficial(), d.cellId(), m.residenceUnitId, d.phone(), d.email(), d.usesSmartphone(), null));
            m.updatedMs = now;
            MemberServiceImpl.renamed(em, m, keyBefore, sortBefore);
            if (++n % 1000 == 0) {
                progress.at("writing", n, total);
            }
        }
        em.flush();
        progress.at("writing", total, total);
    }

    private static boolean samePerson(MemberEntity m, MemberDraft d) {
        return Objects.equals(m.nameKey, MemberRules.nameKey(Validation.clean(d.fullName()))) && Objects.equals(m.dateOfBirth, d.dateOfBirth());
    }

    private static boolean differs(MemberEntity m, MemberDraft d) {
        return !Objects.equals(m.fullName, Validation.clean(d.fullName())) || m.gender != d.gender()
                || !Objects.equals(m.ethnicity, Validation.clean(d.ethnicity())) || !Objects.equals(m.dateAdmitted, d.dateAdmitted())
                || !Objects.equals(m.dateOfficial, d.dateOfficial()) || !Objects.equals(m.phone, MemberRules.normalisePhone(d.phone()))
                || !Objects.equals(m.email, Validation.clean(d.email())) || m.usesSmartphone != Boolean.TRUE.equals(d.usesSmartphone());
    }

    private static MemberDraft withCell(MemberDraft d, String cellId) {
        return new MemberDraft(d.cardNumber(), d.fullName(), d.dateOfBirth(), d.gender(), d.ethnicity(), d.dateAdmitted(), d.dateOfficial(),
                cellId, d.residenceUnitId(), d.phone(), d.email(), d.usesSmartphone(), d.version());
    }

    private static ImportReport.RowError error(int row, String card, String field, String code, Text message) {
        return new ImportReport.RowError(row, card, field, code, message.vi(), message.en());
    }

    /** Reads the file; header and value problems become row errors, an unreadable file a 400. */
    static List<Row> parse(InputStream csv, List<ImportReport.RowError> errors, List<String> ignored) {
        return parse(csv, errors, ignored, Progress.NONE);
    }

    static List<Row> parse(InputStream csv, List<ImportReport.RowError> errors, List<String> ignored, Progress progress) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<Row> rows = new ArrayList<>();
        try {
            CsvReader reader = new CsvReader(new InputStreamReader(csv, decoder));
            List<String> header = reader.next();
            if (header == null) {
                throw unreadable(Text.of("Tệp rỗng.", "The file is empty."));
            }
            Map<String, Integer> column = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip();
                String field = ALIASES.get(VietnameseText.fold(name));
                if (field == null) {
                    if (!name.isEmpty() && !EXPORT_ONLY.contains(name)) {
                        ignored.add(name);
                    }
                } else if (column.putIfAbsent(field, i) != null) {
                    errors.add(new ImportReport.RowError(1, null, field, "duplicate-column", "Cột " + name + " bị lặp.",
                            "Column " + name + " appears twice."));
                }
            }
            for (String required : List.of("cardNumber", "fullName", "dateOfBirth", "gender", "dateAdmitted", "cellCode")) {
                if (!column.containsKey(required)) {
                    errors.add(new ImportReport.RowError(1, null, required, "missing-column", "Thiếu cột " + required + ".",
                            "The column " + required + " is missing."));
                }
            }
            if (!errors.isEmpty()) {
                return rows;
            }
            List<String> record;
            int number = 1;
            while ((record = reader.next()) != null) {
                number++;
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue; // an empty line
                }
                if (rows.size() >= MAX_ROWS) {
                    throw unreadable(Text.of("Tệp quá " + MAX_ROWS + " dòng.", "The file has more than " + MAX_ROWS + " rows."));
                }
                rows.add(row(number, record, column, errors));
                if (rows.size() % 1000 == 0) {
                    progress.at("reading", rows.size(), 0);
                }
            }
            return rows;
        } catch (CharacterCodingException e) {
            throw unreadable(Text.of("Tệp không phải UTF-8.", "The file is not UTF-8."));
        } catch (CsvReader.MalformedCsvException e) {
            throw unreadable(e.text());
        } catch (IOException e) {
            // a broken-off upload, say: the client learns that, not the library's words; the cause stays, so the
            // platform still answers 413 when the stream stopped at the request size limit
            throw new SotayException(ProblemType.MALFORMED_REQUEST, Text.of("Không đọc được tệp CSV đến hết; không có gì được ghi.",
                    "The CSV file could not be read to its end; nothing was written."), List.of(), e);
        }
    }

    private static Row row(int number, List<String> raw, Map<String, Integer> column, List<ImportReport.RowError> errors) {
        // a NUL is never text and no database keeps it (PostgreSQL fails on it): the row's error, and the value
        // checked further without it, so that no look-up of this row carries it to the database
        List<String> r = raw;
        if (raw.stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
            r = raw.stream().map(v -> v.replace("\0", "")).toList();
            for (Map.Entry<String, Integer> c : column.entrySet()) {
                if (c.getValue() < raw.size() && raw.get(c.getValue()).indexOf('\0') >= 0) {
                    errors.add(new ImportReport.RowError(number, value(r, column, "cardNumber"), c.getKey(), "control-character",
                            "Có ký tự NUL trong trường này.", "This field holds a NUL character."));
                }
            }
        }
        String card = value(r, column, "cardNumber");
        LocalDate born = date(number, card, "dateOfBirth", value(r, column, "dateOfBirth"), errors);
        LocalDate admitted = date(number, card, "dateAdmitted", value(r, column, "dateAdmitted"), errors);
        LocalDate official = date(number, card, "dateOfficial", value(r, column, "dateOfficial"), errors);
        Gender gender = null;
        String g = value(r, column, "gender");
        if (g != null) {
            switch (VietnameseText.fold(g)) {
            case "male", "nam" -> gender = Gender.MALE;
            case "female", "nu" -> gender = Gender.FEMALE;
            case "other", "khac" -> gender = Gender.OTHER;
            default -> errors.add(new ImportReport.RowError(number, card, "gender", "not-allowed", "Giới tính là Nam, Nữ hoặc Khác.",
                    "Gender is MALE, FEMALE or OTHER (Nam, Nữ, Khác)."));
            }
        }
        Boolean smartphone = null;
        String s = value(r, column, "usesSmartphone");
        if (s != null) {
            switch (VietnameseText.fold(s).toLowerCase(Locale.ROOT)) {
            case "true", "co", "x", "1" -> smartphone = true;
            case "false", "khong", "0" -> smartphone = false;
            default -> errors.add(new ImportReport.RowError(number, card, "usesSmartphone", "not-a-boolean", "Ghi có hoặc không.",
                    "Write true or false (có / không)."));
            }
        }
        MemberDraft d = new MemberDraft(card, value(r, column, "fullName"), born, gender, value(r, column, "ethnicity"), admitted, official,
                null, null, value(r, column, "phone"), value(r, column, "email"), smartphone, null);
        return new Row(number, d, value(r, column, "cellCode"));
    }

    private static String value(List<String> r, Map<String, Integer> column, String field) {
        Integer i = column.get(field);
        if (i == null || i >= r.size()) {
            return null;
        }
        String v = r.get(i).strip();
        if (v.startsWith("'") && v.length() > 1 && "=+-@".indexOf(v.charAt(1)) >= 0) {
            v = v.substring(1); // our export's defused formula prefix
        }
        return v.isEmpty() ? null : v;
    }

    private static LocalDate date(int row, String card, String field, String value, List<ImportReport.RowError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return value.contains("/") ? LocalDate.parse(value, VN_DATE) : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new ImportReport.RowError(row, card, field, "not-a-date", "Ngày ghi dạng 2024-05-25 hoặc 25/05/2024.",
                    "Write dates as 2024-05-25 or 25/05/2024."));
            return null;
        }
    }

    private static SotayException unreadable(Text detail) {
        return new SotayException(ProblemType.MALFORMED_REQUEST, detail);
    }
}
