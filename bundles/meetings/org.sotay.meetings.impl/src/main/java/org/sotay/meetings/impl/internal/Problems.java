package org.sotay.meetings.impl.internal;

import java.util.List;

import org.sotay.core.api.FieldError;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;

/** The meetings module's problem types ({@code urn:sotay:problem:meetings.*}) and common answers. */
final class Problems {
    static final ProblemType OVERLAP = ProblemType.of("meetings.overlap", 409,
            Text.of("Trùng giờ với một cuộc họp khác của chi bộ", "Overlaps another meeting of the cell"));
    static final ProblemType MINUTES_LOCKED = ProblemType.of("meetings.minutes-locked", 409,
            Text.of("Biên bản đã được thông qua và khóa", "The minutes are approved and locked"));
    static final ProblemType NOT_STARTED = ProblemType.of("meetings.not-started", 409,
            Text.of("Cuộc họp chưa bắt đầu", "The meeting has not started"));
    static final ProblemType NOT_OPEN = ProblemType.of("meetings.check-in-closed", 409,
            Text.of("Không trong thời gian điểm danh", "Check-in is not open"));
    static final ProblemType STATE = ProblemType.of("meetings.wrong-state", 409,
            Text.of("Cuộc họp không ở trạng thái cho phép việc này", "The meeting is not in a state that allows this"));
    static final ProblemType MONTH_REGISTERED = ProblemType.of("meetings.month-registered", 409,
            Text.of("Tháng này đã có lịch sinh hoạt", "This month's meeting is already registered"));
    static final ProblemType NOT_A_DOCUMENT = ProblemType.of("meetings.not-a-document", 415,
            Text.of("Tệp không phải ảnh JPEG, PNG hay PDF", "The file is not a JPEG, PNG or PDF"));

    private Problems() {
    }

    static SotayException meetingNotFound() {
        return SotayException.notFound(Text.of("Không có cuộc họp này.", "There is no such meeting."));
    }

    static SotayException unitNotFound() {
        return SotayException.notFound(Text.of("Không có đơn vị này trong phạm vi của bạn.", "There is no such unit within your scope."));
    }

    static SotayException field(String field, String code, String vi, String en) {
        return SotayException.invalid(List.of(new FieldError(field, code, Text.of(vi, en))));
    }

    static SotayException state(String vi, String en) {
        return new SotayException(STATE, Text.of(vi, en));
    }
}
