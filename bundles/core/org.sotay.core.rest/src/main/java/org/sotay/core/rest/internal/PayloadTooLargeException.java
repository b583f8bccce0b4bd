package org.sotay.core.rest.internal;

import java.io.IOException;

import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;

/** Thrown by the size-limited request stream when a body grows past the configured limit. */
final class PayloadTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    PayloadTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    SotayException toSotay() {
        return new SotayException(ProblemType.PAYLOAD_TOO_LARGE, detail());
    }

    Text detail() {
        return Text.of("Nội dung yêu cầu vượt quá giới hạn " + limit + " byte.", "The request body exceeds the limit of " + limit + " bytes.");
    }
}
