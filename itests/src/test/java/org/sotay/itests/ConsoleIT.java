package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;

/** The operators' Karaf commands, run in a real console session of the container. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ConsoleIT extends SotayTestSupport {
    @Before
    public void ready() {
        awaitHealthy();
        await("the bootstrap administrator", 60, () -> login(ADMIN, ADMIN_PASSWORD).statusCode() == 200);
    }

    private String run(String command) throws Exception {
        SessionFactory factory = bundleContext.getService(bundleContext.getServiceReference(SessionFactory.class));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = factory.create(new ByteArrayInputStream(new byte[0]), print, print);
        try {
            Object result = session.execute(command);
            if (result != null) {
                print.println(result);
            }
        } finally {
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void theTreeAndAMemberAreFoundFromTheConsole() throws Exception {
        String tree = run("sotay:org-tree -d 1");
        assertTrue(tree, tree.contains("TQ"));
        String admin = tokenOf(ADMIN, ADMIN_PASSWORD);
        JsonNode m = json(bearer(admin, "GET", "/v1/members?limit=1", null)).path("items").get(0);
        String found = run("sotay:member-find " + m.path("cardNumber").asText());
        assertTrue(found, found.contains(m.path("fullName").asText()));
    }

    @Test
    public void aFileIsImportedWithAProgressBar() throws Exception {
        String admin = tokenOf(ADMIN, ADMIN_PASSWORD);
        String cell = json(bearer(admin, "GET", "/v1/members?limit=1", null)).path("items").get(0).path("cellId").asText();
        String cellCode = json(bearer(admin, "GET", "/v1/org-units/" + cell, null)).path("unit").path("code").asText();
        StringBuilder csv = new StringBuilder("Số thẻ,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Ngày vào Đảng,Mã chi bộ\r\n");
        for (int i = 0; i < 1500; i++) {
            csv.append(String.format("05%08d,Hà Thị Thu,0%d/05/1980,Nữ,Tày,10/10/2010,%s\r\n", i, 1 + i % 9, cellCode));
        }
        Path file = Files.createTempFile("console-import", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        String dry = run("sotay:member-import --dry-run " + file);
        assertTrue(dry, dry.contains("Chạy thử / Dry run: 1500"));
        String real = run("sotay:member-import " + file);
        assertTrue(real, real.contains("] 100%"));
        assertTrue(real, real.contains("Đã nhập / Applied: 1500"));
        assertEquals(1500, json(bearer(admin, "GET", "/v1/members?q=050000&limit=1", null)).path("total").asInt());
        Files.delete(file);
    }

    @Test
    public void accountsAndCodesFromTheConsole() throws Exception {
        String admin = tokenOf(ADMIN, ADMIN_PASSWORD);
        JsonNode m = json(bearer(admin, "GET", "/v1/members?accountRegistered=false&status=OFFICIAL&limit=1", null)).path("items").get(0);
        String code = run("sotay:account-code " + m.path("cardNumber").asText());
        assertTrue(code, code.matches("(?s).*[A-Z2-9]{5}-[A-Z2-9]{5}\\s+REGISTER.*"));
        String list = run("sotay:account-list boot");
        assertTrue(list, list.contains(ADMIN) && list.contains("PROVINCIAL_ADMIN"));
        // the root exists already: the console refuses a second one
        String second = run("sotay:org-root-create XX Đảng bộ khác");
        assertTrue(second, second.contains("already has a root"));
    }

    @Test
    public void meetingsAndLateCellsFromTheConsole() throws Exception {
        String admin = tokenOf(ADMIN, ADMIN_PASSWORD);
        // a cell far down the list (other suites use the first ones), a meeting held five days ago and never recorded
        JsonNode m = json(bearer(admin, "GET", "/v1/members?offset=1500&limit=1", null)).path("items").get(0);
        String cell = m.path("cellId").asText();
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(5);
        HttpResponse<String> created = bearer(admin, "POST", "/v1/meetings", "{\"unitId\":\"" + cell + "\",\"date\":\"" + day + "\",\"time\":\"05:10\"}");
        assertEquals(created.body(), 201, created.statusCode());
        String list = run("sotay:meeting-list -f " + day + " -t " + day + " " + cell);
        assertTrue(list, list.contains(day + " 05:10") && list.contains("ghi bù") && list.contains("chưa có biên bản"));
        String en = run("sotay:meeting-list --en -f " + day + " -t " + day + " " + cell);
        assertTrue(en, en.contains("recorded late") && en.contains("no minutes"));
        String late = run("sotay:meeting-late -m " + java.time.YearMonth.from(day) + " " + cell);
        assertTrue(late, late.contains("chưa điểm danh: 1 chi bộ") && late.contains("chưa có biên bản: 1 chi bộ") && late.contains("đăng ký muộn: 1 chi bộ"));
        // a bad unit, date or month: one clean line, nothing else
        String unknown = run("sotay:meeting-list no-such-unit");
        assertTrue(unknown, unknown.contains("Không có đơn vị no-such-unit") && !unknown.contains("Exception"));
        String unknownEn = run("sotay:meeting-late --en no-such-unit");
        assertTrue(unknownEn, unknownEn.contains("There is no unit no-such-unit") && !unknownEn.contains("Exception"));
        String badDate = run("sotay:meeting-list -f 2026-13-01 " + cell);
        assertTrue(badDate, badDate.contains("Ngày không hợp lệ") && badDate.contains("Not a date"));
        String badMonth = run("sotay:meeting-late -m 2026-1 " + cell);
        assertTrue(badMonth, badMonth.contains("Tháng không hợp lệ") && badMonth.contains("Not a month"));
    }
}
