package org.sotay.meetings.impl.commands;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.ConsoleCaller;
import org.sotay.core.api.security.OrgTree;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingQuery;
import org.sotay.meetings.api.MeetingService;
import org.sotay.meetings.api.MeetingsPermissions;
import org.sotay.meetings.api.Proposal;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.OrgUnitService;

/**
 * {@code sotay:meeting-late [-m month] [-d days] [-n max] [--en] <unit>}: the cells of a unit's subtree
 * late with a month's meeting: on registration (the deadline passed), attendance or minutes ({@code -d}
 * days after the meeting, 3 by default, as the close-the-loop reminders count).
 */
@Service
@Command(scope = "sotay", name = "meeting-late", description = "Chi bộ chậm đăng ký, điểm danh, biên bản / Cells late on registration, attendance or minutes")
public class MeetingLateCommand implements Action {
    @Reference
    MeetingService meetings;
    @Reference
    OrgUnitService units;
    @Reference
    CallerContext callers;
    @Reference
    OrgTree tree;
    @Reference
    Clock clock;

    @Argument(index = 0, name = "unit", description = "Unit id (a committee: the cells of its subtree; or one cell)", required = true)
    String unitId;

    @Option(name = "-m", aliases = "--month", description = "The meetings' month (YYYY-MM; default this month)")
    String month;

    @Option(name = "-d", aliases = "--days", description = "Days after a meeting before its attendance and minutes are late (default 3)")
    int days = 3;

    @Option(name = "-n", description = "How many cells to name per kind (default 20)")
    int count = 20;

    @Option(name = "--en", description = "English words")
    boolean english;

    @Override
    public Object execute() throws Exception {
        List<String> roots = tree.roots();
        if (roots.isEmpty()) {
            System.out.println("Chưa có đơn vị nào / The registry has no units yet.");
            return null;
        }
        YearMonth m;
        try {
            m = month == null ? YearMonth.now(clock) : Console.month("-m", month);
            if (days < 0 || days > 60) {
                throw new Console.Refused("Số ngày (-d) từ 0 đến 60: " + days, "Days (-d) from 0 to 60: " + days);
            }
        } catch (Console.Refused e) {
            System.err.println(e.getMessage());
            return null;
        }
        ConsoleCaller operator = ConsoleCaller.of("meeting-late", roots, MeetingsPermissions.READ, "registry.read");
        try {
            callers.runAs(operator, () -> {
                OrgUnit unit = units.get(unitId);
                LocalDate today = LocalDate.now(clock);
                List<String> cells = new ArrayList<>(units.treeAt(unitId, today).stream()
                        .filter(u -> "CELL".equals(u.typeCode()) && u.validTo() == null).map(OrgUnit::id).toList());
                List<Meeting> found = new ArrayList<>();
                for (int offset = 0;;) {
                    Page<Meeting> page = meetings.list(new MeetingQuery(unitId, m.atDay(1), m.atEndOfMonth(), null), PageRequest.of(offset, PageRequest.MAX_LIMIT));
                    found.addAll(page.getItems());
                    if (page.getNextOffset() == null) {
                        break;
                    }
                    offset = page.getNextOffset();
                }
                // the deadline as the module computes it (its configuration), read from any cell's proposal for the month
                LocalDate deadline = cells.isEmpty() ? m.minusMonths(1).atDay(20) : deadline(cells.get(0), m);
                List<Late.Entry> late = Late.of(cells, found, m, deadline, today, clock.instant(), Duration.ofDays(days));
                print(unit, m, deadline, cells.size(), found.size(), late);
                return null;
            });
        } catch (SotayException e) {
            System.err.println(Console.message(e, english));
        }
        return null;
    }

    private LocalDate deadline(String cell, YearMonth m) {
        Proposal p = meetings.proposal(cell, m.toString());
        return p.deadline();
    }

    private void print(OrgUnit unit, YearMonth m, LocalDate deadline, int cells, int meetingCount, List<Late.Entry> late) {
        boolean en = english;
        System.out.println(unit.code() + "  " + unit.name() + " — " + (en ? "month " : "tháng ") + m + ", " + (en ? "deadline " : "hạn đăng ký ")
                + deadline + ": " + cells + (en ? " cells, " : " chi bộ, ") + meetingCount + (en ? " meetings" : " cuộc họp"));
        Console.Names names = new Console.Names(units);
        for (Late.Kind kind : Late.Kind.values()) {
            List<Late.Entry> of = late.stream().filter(e -> e.kind() == kind).toList();
            long distinct = new HashSet<>(of.stream().map(Late.Entry::cellId).toList()).size();
            System.out.println();
            System.out.println((en ? kind.en : kind.vi) + ": " + distinct + (en ? " cells" : " chi bộ"));
            for (Late.Entry e : Console.first(of, Math.max(0, count))) {
                String when = e.meeting() == null ? "" : "  " + e.meeting().date() + " " + e.meeting().time() + "  " + Console.minutes(e.meeting().minutes(), en);
                System.out.println("  " + names.of(e.cellId()) + when);
            }
            if (of.size() > count) {
                System.out.println("  … " + (of.size() - count) + (en ? " more" : " chi bộ nữa"));
            }
        }
    }
}
