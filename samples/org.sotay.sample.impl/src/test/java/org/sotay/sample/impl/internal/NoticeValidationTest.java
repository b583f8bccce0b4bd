package org.sotay.sample.impl.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.sample.api.NoticeDraft;

class NoticeValidationTest {
    @Test
    void reportsEveryFieldAtFaultAtOnce() {
        SotayException e = assertThrows(SotayException.class,
                () -> NoticeServiceImpl.validate(new NoticeDraft(" ", "x".repeat(4001), null), true));
        assertEquals(ProblemType.VALIDATION, e.type());
        assertEquals(List.of("title:required", "body:too-long", "version:required"),
                e.errors().stream().map(f -> f.field() + ":" + f.code()).toList());
    }

    @Test
    void countsVietnameseLettersNotBytes() {
        String title = "Đảng ".repeat(40); // 200 letters, 280 bytes in UTF-8
        assertDoesNotThrow(() -> NoticeServiceImpl.validate(new NoticeDraft(title, "Nội dung", null), false));
        SotayException e = assertThrows(SotayException.class,
                () -> NoticeServiceImpl.validate(new NoticeDraft("Đ".repeat(201), "Nội dung", null), false));
        FieldError f = e.errors().get(0);
        assertEquals("title", f.field());
        assertEquals("Không được dài quá 200 ký tự.", f.message().vi());
    }

    @Test
    void decomposedInputIsStoredComposed() {
        String decomposed = java.text.Normalizer.normalize("  Nguyễn Thị Hồng ", java.text.Normalizer.Form.NFD);
        assertEquals("Nguyễn Thị Hồng", org.sotay.core.api.Validation.clean(decomposed));
    }
}
