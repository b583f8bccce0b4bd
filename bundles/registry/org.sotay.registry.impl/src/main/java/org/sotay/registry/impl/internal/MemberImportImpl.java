package org.sotay.registry.impl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
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
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.registry.api.Gender;
import org.sotay.core.api.audit.AuditTrail;
import org.sotay.core.api.events.EventOutbox;
import org.sotay.registry.api.ImportJob;
import org.sotay.registry.api.ImportReport;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberImport;
import org.sotay.registry.api.RegistryEvents;
import org.sotay.registry.api.RegistryPermissions;

/** CSV import: everything is checked first; the file is applied only when clean, in one transaction. */
@Component(service = MemberImport.class)
public class MemberImportImpl implements MemberImport {
    /** Largest file accepted, in rows (a province is ~60,000). */
    static final int MAX_ROWS = 200_000;
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

    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final ImportJobs jobs;

    @Reference
    private EventOutbox outbox;

    @Activate
    public MemberImportImpl(@Reference RegistrySchema schema, @Reference(target = "(osgi.unit.name=sotay-registry)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference AuditTrail audit, @Reference ImportJobs jobs) {
        this.jpa = jpa;
        this.jobs = jobs;
        this.callers = callers;
        this.audit = audit;
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
        return jobs.start(csv, dryRun, callers.current(), this::run);
    }

    @Override
    public ImportJob job(String id) {
        return jobs.find(id, callers.current());
    }

    ImportReport run(InputStream csv, boolean dryRun, Progress progress) {
        Caller caller = callers.current();
        List<ImportReport.RowError> errors = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<Row> rows = parse(csv, errors, ignored, progress);
        LocalDate today = LocalDate.now();
        return jpa.txExpr(TransactionType.Required, em -> {
            List<ImportReport.Conflict> conflicts = new ArrayList<>();
            // cells by code, within the caller's scope
            Scope scope = Scope.of(em, caller, RegistryPermissions.MEMBER_WRITE);
            Map<String, UnitEntity> cells = new HashMap<>();
            Set<String> codes = new HashSet<>();
            rows.forEach(r -> codes.add(r.cellCode()));
            List<String> codeList = new ArrayList<>(codes);
            for (int i = 0; i < codeList.size(); i += 500) {
                for (UnitEntity u : scope.bind(em.createQuery("SELECT u FROM UnitEntity u WHERE u.code IN :codes AND "
                        + scope.predicate("u.path"), UnitEntity.class)).setParameter("codes", codeList.subList(i, Math.min(i + 500, codeList.size())))
                        .getResultList()) {
                    cells.put(u.code, u);
                }
            }
            Set<String> memberTypes = new HashSet<>(em.createQuery("SELECT t.code FROM UnitTypeEntity t WHERE t.holdsMembers = :yes",
                    String.class).setParameter("yes", true).getResultList());
            // existing members by card, whoever's scope they are in (cards are unique nationally)
            Map<String, MemberEntity> existing = new HashMap<>();
            List<String> cards = rows.stream().map(r -> MemberRules.normaliseCard(r.draft().cardNumber())).filter(Objects::nonNull).toList();
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
                    errors.add(error(r.number(), card, "cellCode", "unknown", Text.of("Không có chi bộ mã " + r.cellCode()
                            + " trong phạm vi của bạn.", "There is no cell with code " + r.cellCode() + " within your scope.")));
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
                    conflicts.add(new ImportReport.Conflict(r.number(), card, Validation.clean(d.fullName()), d.dateOfBirth(), null, null, null,
                            "The card belongs to a member outside your scope"));
                } else if (!samePerson(m, d)) {
                    conflicts.add(new ImportReport.Conflict(r.number(), card, Validation.clean(d.fullName()), d.dateOfBirth(), m.id, m.fullName,
                            m.dateOfBirth, "The card is registered to another person (name or date of birth differ)"));
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
            if (apply) {
                write(em, creates, updates, cells, caller, today, progress);
                // one line for the file (a province-wide import is tens of thousands of rows): where, how many
                String unit = caller.unitsFor(RegistryPermissions.MEMBER_WRITE).stream().sorted().findFirst().orElse(null);
                Events.publish(outbox, em, RegistryEvents.MEMBERS_IMPORTED, null, unit == null ? new String[0] : new String[] { unit });
                Audit.record(audit, em, "member.import", "import", null, unit, rows.size() + " rows: " + creates.size() + " created, "
                        + updates.size() + " updated, " + unchanged + " unchanged");
            }
            errors.sort((a, b) -> Integer.compare(a.row(), b.row()));
            return new ImportReport(dryRun, apply, rows.size(), creates.size(), updates.size(), unchanged, ignored, errors, conflicts);
        });
    }

    private static void write(EntityManager em, List<Row> creates, Map<Row, MemberEntity> updates, Map<String, UnitEntity> cells,
            Caller caller, LocalDate today, Progress progress) {
        int total = creates.size() + updates.size();
        progress.at("writing", 0, total);
        Timestamp now = Timestamp.from(Instant.now());
        int n = 0;
        for (Row r : creates) {
            LocalDate from = MemberRules.firstMembershipFrom(r.draft().dateAdmitted(), cells.get(r.cellCode()).validFrom);
            MemberServiceImpl.insert(em, r.draft(), r.draft().cellId(), from, "import", caller, now, today);
            if (++n % 1000 == 0) {
                em.flush();
                em.clear();
                progress.at("writing", n, total);
            }
        }
        for (Map.Entry<Row, MemberEntity> e : updates.entrySet()) {
            MemberEntity m = em.contains(e.getValue()) ? e.getValue() : em.find(MemberEntity.class, e.getValue().id);
            // the file has no residence column: keep what the registry knows
            MemberDraft d = e.getKey().draft();
            MemberServiceImpl.apply(m, new MemberDraft(d.cardNumber(), d.fullName(), d.dateOfBirth(), d.gender(), d.ethnicity(),
                    d.dateAdmitted(), d.dateOfficial(), d.cellId(), m.residenceUnitId, d.phone(), d.email(), d.usesSmartphone(), null));
            m.updatedAt = now;
            if (++n % 1000 == 0) {
                progress.at("writing", n, total);
            }
        }
        em.flush();
        progress.at("writing", total, total);
    }

    private static boolean samePerson(MemberEntity m, MemberDraft d) {
        return Objects.equals(m.nameKey, VietnameseText.fold(Validation.clean(d.fullName()))) && Objects.equals(m.dateOfBirth, d.dateOfBirth());
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
        } catch (IOException e) {
            throw unreadable(Text.of("Không đọc được tệp CSV: " + e.getMessage(), "The CSV file cannot be read: " + e.getMessage()));
        }
    }

    private static Row row(int number, List<String> r, Map<String, Integer> column, List<ImportReport.RowError> errors) {
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
