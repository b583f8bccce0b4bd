package org.sotay.sample.registry.file.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sotay.core.api.VietnameseText;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.UnitType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * One registry file read into memory, checked whole, never changed: the unit types, the tree (each
 * unit with its materialized path) and the members (with their search and sort keys and the counts
 * of every subtree). A file with any fault is refused as a whole ({@link BadFile} names the line).
 *
 * <p>The format (UTF-8, one JSON object a line, blank lines and lines starting with {@code #} ignored):
 * {@code {"kind":"type", ...UnitType}}, {@code {"kind":"unit", ...OrgUnit}}, {@code {"kind":"member", ...Member}},
 * each object exactly as the registry's REST API answers it plus {@code kind}; see docs/integrators/replace-a-module.md.
 */
final class Snapshot {
    /** Most members one file may hold (a province is about 60,000; this implementation keeps them in memory). */
    static final int MAX_MEMBERS = 500_000;
    static final int MAX_UNITS = 100_000;

    /** A file that cannot be served, with the line (1-based; 0 for the file as a whole) and why. */
    static final class BadFile extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        BadFile(int line, String reason) {
            super(line > 0 ? "line " + line + ": " + reason : reason);
            this.line = line;
        }
    }

    /** A member with what searching and sorting need. */
    record Entry(Member member, String nameKey, String sortKey, String cellPath, String cellCode) {
    }

    /** Counts of one subtree, as UnitSummary has them. */
    static final class Counts {
        long members;
        long active;
        long smartphone;
        long installed;
        long registered;
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    final String source;
    final long loadedAtMs;
    final List<UnitType> types;
    final Map<String, OrgUnit> units;
    final Map<String, String> paths;
    /** Open children of each unit, in Vietnamese order of their names. */
    final Map<String, List<OrgUnit>> openChildren;
    /** Every child (open or closed), for the tree at a date. */
    final Map<String, List<OrgUnit>> allChildren;
    final List<String> roots;
    final Map<String, Entry> members;
    final Map<String, Entry> byCard;
    /** Every member in Vietnamese name order (given name first), then by id. */
    final List<Entry> ordered;
    final Map<String, Counts> counts;

    private Snapshot(String source, long loadedAtMs, List<UnitType> types, Map<String, OrgUnit> units, Map<String, String> paths,
            Map<String, List<OrgUnit>> openChildren, Map<String, List<OrgUnit>> allChildren, List<String> roots, Map<String, Entry> members,
            Map<String, Entry> byCard, List<Entry> ordered, Map<String, Counts> counts) {
        this.source = source;
        this.loadedAtMs = loadedAtMs;
        this.types = types;
        this.units = units;
        this.paths = paths;
        this.openChildren = openChildren;
        this.allChildren = allChildren;
        this.roots = roots;
        this.members = members;
        this.byCard = byCard;
        this.ordered = ordered;
        this.counts = counts;
    }

    static Snapshot read(Path file, long nowMs) throws BadFile {
        if (!Files.isRegularFile(file)) {
            throw new BadFile(0, "no such file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new BadFile(0, "the file cannot be read: " + file);
        }
        try (Reader r = new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            return read(r, file.toString(), nowMs);
        } catch (CharacterCodingException e) {
            throw new BadFile(0, "the file is not UTF-8");
        } catch (IOException e) {
            throw new BadFile(0, "reading failed: " + e);
        }
    }

    static Snapshot read(Reader in, String source, long nowMs) throws BadFile, IOException {
        List<UnitType> types = new ArrayList<>();
        Map<String, UnitType> typeByCode = new HashMap<>();
        Map<String, OrgUnit> units = new LinkedHashMap<>();
        Map<String, Integer> unitLine = new HashMap<>();
        Map<String, String> unitByCode = new HashMap<>();
        List<Member> memberList = new ArrayList<>();
        List<Integer> memberLines = new ArrayList<>();
        BufferedReader lines = new BufferedReader(in);
        String line;
        int n = 0;
        while ((line = lines.readLine()) != null) {
            n++;
            if (n == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(s);
            } catch (JsonProcessingException e) {
                throw new BadFile(n, "not a JSON object");
            }
            if (!(node instanceof ObjectNode o)) {
                throw new BadFile(n, "not a JSON object");
            }
            JsonNode kind = o.remove("kind");
            if (kind == null || !kind.isTextual()) {
                throw new BadFile(n, "no \"kind\" (type, unit or member)");
            }
            try {
                switch (kind.asText()) {
                case "type" -> {
                    UnitType t = JSON.treeToValue(o, UnitType.class);
                    require(n, "code", t.code());
                    require(n, "nameVi", t.nameVi());
                    require(n, "nameEn", t.nameEn());
                    if (typeByCode.putIfAbsent(t.code(), t) != null) {
                        throw new BadFile(n, "unit type " + t.code() + " twice");
                    }
                    types.add(t);
                }
                case "unit" -> {
                    OrgUnit u = JSON.treeToValue(o, OrgUnit.class);
                    require(n, "id", u.id());
                    require(n, "code", u.code());
                    require(n, "name", u.name());
                    require(n, "typeCode", u.typeCode());
                    require(n, "validFrom", u.validFrom());
                    if (u.id().length() > 36 || u.id().contains("/")) {
                        throw new BadFile(n, "a unit id is at most 36 characters and has no '/'");
                    }
                    if (units.size() >= MAX_UNITS) {
                        throw new BadFile(n, "more than " + MAX_UNITS + " units");
                    }
                    if (units.putIfAbsent(u.id(), u) != null) {
                        throw new BadFile(n, "unit " + u.id() + " twice");
                    }
                    if (unitByCode.putIfAbsent(u.code(), u.id()) != null) {
                        throw new BadFile(n, "unit code " + u.code() + " twice");
                    }
                    unitLine.put(u.id(), n);
                }
                case "member" -> {
                    Member m = JSON.treeToValue(o, Member.class);
                    require(n, "id", m.id());
                    require(n, "cardNumber", m.cardNumber());
                    require(n, "fullName", m.fullName());
                    require(n, "dateOfBirth", m.dateOfBirth());
                    require(n, "gender", m.gender());
                    require(n, "dateAdmitted", m.dateAdmitted());
                    require(n, "status", m.status());
                    require(n, "statusSince", m.statusSince());
                    require(n, "cellId", m.cellId());
                    require(n, "createdAt", m.createdAt());
                    require(n, "updatedAt", m.updatedAt());
                    if (m.id().length() > 36) {
                        throw new BadFile(n, "a member id is at most 36 characters");
                    }
                    if (memberList.size() >= MAX_MEMBERS) {
                        throw new BadFile(n, "more than " + MAX_MEMBERS + " members");
                    }
                    memberList.add(m);
                    memberLines.add(n);
                }
                default -> throw new BadFile(n, "unknown kind \"" + kind.asText() + "\" (type, unit or member)");
                }
            } catch (JsonProcessingException e) {
                throw new BadFile(n, "a " + kind.asText() + " the registry's API would not send: " + e.getOriginalMessage());
            }
        }
        if (units.isEmpty()) {
            throw new BadFile(0, "no unit: a registry file holds the tree");
        }
        // the tree: every parent known, no cycle, one path per unit
        Map<String, String> paths = new HashMap<>();
        List<String> roots = new ArrayList<>();
        for (OrgUnit u : units.values()) {
            if (u.parentId() != null && !units.containsKey(u.parentId())) {
                throw new BadFile(unitLine.get(u.id()), "unit " + u.id() + " has parent " + u.parentId() + ", which the file does not have");
            }
            if (!typeByCode.isEmpty() && !typeByCode.containsKey(u.typeCode())) {
                throw new BadFile(unitLine.get(u.id()), "unit " + u.id() + " has type " + u.typeCode() + ", which the file does not have");
            }
            if (u.parentId() == null && u.validTo() == null) {
                roots.add(u.id());
            }
        }
        for (OrgUnit u : units.values()) {
            path(u.id(), units, paths, unitLine);
        }
        if (roots.isEmpty()) {
            throw new BadFile(0, "no open root unit");
        }
        Comparator<OrgUnit> byName = Comparator.comparing((OrgUnit u) -> VietnameseText.sortKey(u.name())).thenComparing(OrgUnit::id);
        Map<String, List<OrgUnit>> open = new HashMap<>();
        Map<String, List<OrgUnit>> all = new HashMap<>();
        for (OrgUnit u : units.values()) {
            if (u.parentId() != null) {
                all.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
                if (u.validTo() == null) {
                    open.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
                }
            }
        }
        open.values().forEach(l -> l.sort(byName));
        all.values().forEach(l -> l.sort(byName));
        roots.sort(Comparator.comparing(id -> units.get(id).code()));

        Map<String, Entry> members = new HashMap<>();
        Map<String, Entry> byCard = new HashMap<>();
        Map<String, Counts> counts = new HashMap<>();
        List<Entry> ordered = new ArrayList<>(memberList.size());
        for (int i = 0; i < memberList.size(); i++) {
            Member m = memberList.get(i);
            int at = memberLines.get(i);
            OrgUnit cell = units.get(m.cellId());
            if (cell == null) {
                throw new BadFile(at, "member " + m.id() + " is in cell " + m.cellId() + ", which the file does not have");
            }
            UnitType type = typeByCode.get(cell.typeCode());
            if (type != null && !type.holdsMembers()) {
                throw new BadFile(at, "member " + m.id() + " is in unit " + cell.code() + " of type " + type.code() + ", which holds no members");
            }
            if (m.residenceUnitId() != null && !units.containsKey(m.residenceUnitId())) {
                throw new BadFile(at, "member " + m.id() + " has residence unit " + m.residenceUnitId() + ", which the file does not have");
            }
            String card = card(m.cardNumber());
            Entry e = new Entry(m, VietnameseText.fold(m.fullName()), VietnameseText.nameSortKey(m.fullName()), paths.get(cell.id()), cell.code());
            if (members.putIfAbsent(m.id(), e) != null) {
                throw new BadFile(at, "member " + m.id() + " twice");
            }
            if (byCard.putIfAbsent(card, e) != null) {
                throw new BadFile(at, "card number " + m.cardNumber() + " twice");
            }
            ordered.add(e);
            for (String unitId : lineage(e.cellPath())) {
                Counts c = counts.computeIfAbsent(unitId, k -> new Counts());
                c.members++;
                if (m.status().active()) {
                    c.active++;
                    c.smartphone += m.usesSmartphone() ? 1 : 0;
                    c.installed += m.appInstalled() ? 1 : 0;
                    c.registered += m.accountRegistered() ? 1 : 0;
                }
            }
        }
        ordered.sort(Comparator.comparing(Entry::sortKey).thenComparing(e -> e.member().id()));
        return new Snapshot(source, nowMs, List.copyOf(types.stream().sorted(Comparator.comparingInt(UnitType::rank).thenComparing(UnitType::code)).toList()),
                Collections.unmodifiableMap(units), paths, open, all, List.copyOf(roots), members, byCard, List.copyOf(ordered), counts);
    }

    private static String path(String id, Map<String, OrgUnit> units, Map<String, String> paths, Map<String, Integer> unitLine) throws BadFile {
        String known = paths.get(id);
        if (known != null) {
            return known;
        }
        List<String> chain = new ArrayList<>();
        String at = id;
        while (at != null && !paths.containsKey(at)) {
            if (chain.contains(at)) {
                throw new BadFile(unitLine.get(id), "unit " + id + " is its own ancestor");
            }
            chain.add(at);
            at = units.get(at).parentId();
        }
        String prefix = at == null ? "/" : paths.get(at);
        for (int i = chain.size() - 1; i >= 0; i--) {
            prefix = prefix + chain.get(i) + "/";
            paths.put(chain.get(i), prefix);
        }
        return paths.get(id);
    }

    private static void require(int line, String field, Object value) throws BadFile {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new BadFile(line, "\"" + field + "\" is required");
        }
    }

    /** A card number as compared: without spaces, dots and dashes. */
    static String card(String number) {
        return number == null ? null : number.replaceAll("[\\s.\\-]", "");
    }

    static List<String> lineage(String path) {
        return path == null ? List.of() : Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    Counts counts(String unitId) {
        Counts c = counts.get(unitId);
        return c == null ? new Counts() : c;
    }
}
