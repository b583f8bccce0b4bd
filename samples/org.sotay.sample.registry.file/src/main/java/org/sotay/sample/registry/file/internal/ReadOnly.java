package org.sotay.sample.registry.file.internal;

import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;

/**
 * The one answer to every write: 409 {@code registry.read-only}, whoever asks and whatever they
 * name (so it reveals nothing of what exists), before anything is looked at or written.
 */
final class ReadOnly {
    static final ProblemType READ_ONLY = ProblemType.of("registry.read-only", 409,
            Text.of("Sổ đảng viên ở đây chỉ để đọc", "The registry is read-only here"));

    private ReadOnly() {
    }

    static SotayException problem(String whatVi, String whatEn) {
        return new SotayException(READ_ONLY, Text.of(
                "Không thể " + whatVi + ": sổ đảng viên được đồng bộ từ cơ sở dữ liệu đảng viên quốc gia; hãy thay đổi ở đó, "
                        + "thay đổi sẽ có ở đây với tệp đồng bộ tiếp theo. Không có gì được ghi.",
                "Cannot " + whatEn + ": the registry is synchronised from the national member database; change it there, "
                        + "and the change arrives here with the next file. Nothing was written."));
    }
}
