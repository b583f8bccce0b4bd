package org.sotay.registry.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sotay.core.api.SotayException;
import org.sotay.registry.api.Gender;
import org.sotay.registry.api.ImportReport;

class MemberImportParseTest {
    @Test
    void vietnameseHeadersAndDatesAreUnderstood() {
        String csv = "Số thẻ,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Ngày vào Đảng,Ngày chính thức,Mã chi bộ,Điện thoại thông minh,Ghi chú\n"
                + "08000001,Ma Thế Hồng,02/01/1970,Nam,Tày,1995-03-01,01/03/1996,TQ.01.001.01,có,x\n";
        List<ImportReport.RowError> errors = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        var rows = MemberImportImpl.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), errors, ignored);
        assertEquals(List.of(), errors);
        assertEquals(List.of("Ghi chú"), ignored);
        assertEquals(1, rows.size());
        var d = rows.get(0).draft();
        assertEquals("Ma Thế Hồng", d.fullName());
        assertEquals(LocalDate.of(1970, 1, 2), d.dateOfBirth());
        assertEquals(LocalDate.of(1996, 3, 1), d.dateOfficial());
        assertEquals(Gender.MALE, d.gender());
        assertEquals(Boolean.TRUE, d.usesSmartphone());
        assertEquals("TQ.01.001.01", rows.get(0).cellCode());
    }

    @Test
    void missingColumnsAndBadValuesAreRowErrors() {
        List<ImportReport.RowError> errors = new ArrayList<>();
        MemberImportParseTest.parse("cardNumber,fullName\n1,a\n", errors);
        assertTrue(errors.stream().allMatch(e -> e.row() == 1 && e.code().equals("missing-column")), errors.toString());
        errors.clear();
        MemberImportParseTest.parse("cardNumber,fullName,dateOfBirth,gender,dateAdmitted,cellCode\n08000001,A B,1970-13-01,X,1990-01-01,C\n", errors);
        assertEquals(List.of("dateOfBirth:not-a-date", "gender:not-allowed"), errors.stream().map(e -> e.field() + ":" + e.code()).toList());
        assertEquals(2, errors.get(0).row());
    }

    @Test
    void notUtf8IsRefused() {
        byte[] head = "cardNumber,fullName,dateOfBirth,gender,dateAdmitted,cellCode\n1,Nguy".getBytes(StandardCharsets.US_ASCII);
        byte[] broken = new byte[head.length + 2];
        System.arraycopy(head, 0, broken, 0, head.length);
        broken[head.length] = (byte) 0xE1; // starts a three-byte sequence that never comes (a Windows-1258 file, say)
        broken[head.length + 1] = 'n';
        assertThrows(SotayException.class, () -> MemberImportImpl.parse(new ByteArrayInputStream(broken), new ArrayList<>(), new ArrayList<>()));
    }

    private static void parse(String csv, List<ImportReport.RowError> errors) {
        MemberImportImpl.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), errors, new ArrayList<>());
    }

    @Test
    void impossibleDatesAreErrorsNotQuietlyMoved() {
        String csv = "cardNumber,fullName,dateOfBirth,gender,ethnicity,dateAdmitted,cellCode\n"
                + "08000002,Vàng A Dế,31/02/1990,Nam,Hmông,02/09/2015,TQ.01.001.01\n"
                + "08000003,Lò Thị Mai,2001-02-29,Nữ,Thái,02/09/2022,TQ.01.001.01\n";
        List<ImportReport.RowError> errors = new ArrayList<>();
        MemberImportImpl.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), errors, new ArrayList<>());
        List<Integer> rows = errors.stream().filter(e -> "dateOfBirth".equals(e.field())).map(ImportReport.RowError::row).toList();
        assertEquals(List.of(2, 3), rows, errors.toString());
    }
}
