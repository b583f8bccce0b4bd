package org.sotay.meetings.impl.commands;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
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
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MeetingsPermissions;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.OrgUnitService;

/** {@code sotay:meeting-list [-f from] [-t to] [-s status] [-n max] [--en] <unit>}: the meetings of a unit's subtree in a period, newest first. */
@Service
@Command(scope = "sotay", name = "meeting-list", description = "Các cuộc họp của một đơn vị và cấp dưới / Meetings of a unit's subtree in a period")
public class MeetingListCommand implements Action {
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

    @Argument(index = 0, name = "unit", description = "Unit id (a cell, or a committee: its whole subtree)", required = true)
    String unitId;

    @Option(name = "-f", aliases = "--from", description = "First day (YYYY-MM-DD; default the first day of the month five months ago)")
    String from;

    @Option(name = "-t", aliases = "--to", description = "Last day (YYYY-MM-DD; default the end of next month)")
    String to;

    @Option(name = "-s", aliases = "--status", description = "SCHEDULED, HELD or CANCELLED")
    String status;

    @Option(name = "-n", description = "How many to list (default 50, at most 1000)")
    int count = 50;

    @Option(name = "--en", description = "English words")
    boolean english;

    @Override
    public Object execute() throws Exception {
        List<String> roots = tree.roots();
        if (roots.isEmpty()) {
            System.out.println("Chưa có đơn vị nào / The registry has no units yet.");
            return null;
        }
        LocalDate first;
        LocalDate last;
        MeetingStatus wanted = null;
        try {
            YearMonth now = YearMonth.now(clock);
            first = from == null ? now.minusMonths(5).atDay(1) : Console.date("-f", from);
            last = to == null ? now.plusMonths(1).atEndOfMonth() : Console.date("-t", to);
            if (last.isBefore(first)) {
                throw new Console.Refused("Ngày cuối trước ngày đầu: " + first + " → " + last, "The last day is before the first: " + first + " → " + last);
            }
            if (status != null) {
                try {
                    wanted = MeetingStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new Console.Refused("Trạng thái là SCHEDULED, HELD hoặc CANCELLED: " + status, "A status is SCHEDULED, HELD or CANCELLED: " + status);
                }
            }
        } catch (Console.Refused e) {
            System.err.println(e.getMessage());
            return null;
        }
        int max = Math.max(1, Math.min(1000, count));
        MeetingQuery query = new MeetingQuery(unitId, first, last, wanted);
        ConsoleCaller operator = ConsoleCaller.of("meeting-list", roots, MeetingsPermissions.READ, "registry.read");
        try {
            callers.runAs(operator, () -> {
                OrgUnit unit = units.get(unitId);
                List<Meeting> found = new ArrayList<>();
                long total = 0;
                for (int offset = 0; found.size() < max;) {
                    Page<Meeting> page = meetings.list(query, PageRequest.of(offset, Math.min(PageRequest.MAX_LIMIT, max - found.size())));
                    total = page.getTotal();
                    found.addAll(page.getItems());
                    if (page.getNextOffset() == null) {
                        break;
                    }
                    offset = page.getNextOffset();
                }
                print(unit, first, last, total, found);
                return null;
            });
        } catch (SotayException e) {
            System.err.println(Console.message(e, english));
        }
        return null;
    }

    private void print(OrgUnit unit, LocalDate first, LocalDate last, long total, List<Meeting> found) {
        boolean en = english;
        System.out.println(unit.code() + "  " + unit.name() + " — " + first + " → " + last + ": " + total + (en ? " meetings" : " cuộc họp")
                + (found.size() < total ? (en ? ", the newest " : ", mới nhất ") + found.size() + (en ? " shown" : " cuộc") : ""));
        Console.Names names = new Console.Names(units);
        for (Meeting m : found) {
            System.out.println(m.date() + " " + m.time() + "  " + Console.pad(m.kindCode(), 10) + " " + Console.pad(Console.status(m, en), 11) + " "
                    + Console.pad(Console.registration(m, en), 13) + " " + Console.pad(Console.minutes(m.minutes(), en), 21) + " "
                    + names.of(m.unitId()));
        }
    }
}
