package org.sotay.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

class VietnameseTextTest {
    @Test
    void foldsDiacriticsAndDStroke() {
        assertEquals("ma the hong", VietnameseText.fold("  Ma  Thế Hồng "));
        assertEquals("nguyen van a", VietnameseText.fold("Nguyễn Văn A"));
        assertEquals("dang uy xa doi can", VietnameseText.fold("Đảng ủy xã Đội Cấn"));
        assertEquals(VietnameseText.fold("Nguyễn"), VietnameseText.fold(Normalizer.normalize("Nguyễn", Normalizer.Form.NFD)));
    }

    @Test
    void ordersTheVietnameseAlphabet() {
        List<String> expected = List.of("An", "Ăn", "Ân", "Bình", "Dũng", "Đức", "Em", "Ên", "Hoa", "Ô", "Ơn", "Út", "Ưng", "Yến");
        List<String> shuffled = new ArrayList<>(expected);
        java.util.Collections.reverse(shuffled);
        shuffled.sort(Comparator.comparing(VietnameseText::sortKey));
        assertEquals(expected, shuffled);
    }

    @Test
    void tonesOrderAfterLetters() {
        List<String> expected = List.of("ma", "mà", "mả", "mã", "má", "mạ", "mai");
        List<String> sorted = new ArrayList<>(List.of("mai", "mạ", "má", "mã", "mả", "mà", "ma"));
        sorted.sort(Comparator.comparing(VietnameseText::sortKey));
        assertEquals(expected, sorted);
    }

    @Test
    void namesSortByGivenNameFirst() {
        List<String> names = new ArrayList<>(List.of("Trần Văn Bình", "Nguyễn Thị An", "Lê Đức Anh", "Hoàng Văn An"));
        names.sort(Comparator.comparing(VietnameseText::nameSortKey));
        assertEquals(List.of("Hoàng Văn An", "Nguyễn Thị An", "Lê Đức Anh", "Trần Văn Bình"), names);
    }

    @Test
    void keysAreAsciiUpperAlphanumericOnly() {
        assertTrue(VietnameseText.sortKey("Nguyễn Thị Ánh Tuyết 2").matches("[0-9A-Z]+"));
    }
}
