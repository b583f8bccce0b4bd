package org.sotay.core.rest.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.sotay.core.api.Api;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.Text;

/**
 * The web server's own answers as problem+json instead of Jetty's HTML: what it refuses while it
 * parses a request (a URI or headers too long, {@code %00} or {@code ..;} in a path, a broken
 * request line: Jetty calls {@link #badMessageError}), and errors outside every servlet context.
 * Nothing of the request is echoed; the detail says what to change, in Vietnamese and English
 * (the language cannot be negotiated here: the headers may be what was refused).
 */
final class ProblemErrorHandler extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        ProblemType type = ServletProblems.forStatus(status);
        String id = ServletProblems.requestId(null);
        byte[] body = ServletProblems.body(type, detail(status), Languages.VI, null, id);
        fields.put(HttpHeader.CONTENT_TYPE, Api.PROBLEM_JSON + ";charset=UTF-8");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        fields.put(HttpHeader.CONTENT_LANGUAGE, "vi");
        fields.put(Api.REQUEST_ID_HEADER, id);
        return ByteBuffer.wrap(body);
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) throws IOException {
        baseRequest.setHandled(true);
        int status = response.getStatus();
        response.resetBuffer();
        ServletProblems.write(request, response, ServletProblems.forStatus(status), detail(status));
    }

    static Text detail(int status) {
        return switch (status) {
            case 404 -> Text.of("Không có tài nguyên nào ở địa chỉ này; API ở /api.", "There is no resource at this address; the API is at /api.");
            case 414 -> Text.of("Địa chỉ quá dài: hãy gửi dữ liệu trong nội dung yêu cầu.", "The URI is too long: send the data in the request body.");
            case 431 -> Text.of("Các trường đầu (header) của yêu cầu quá lớn.", "The request's header fields are too large.");
            case 400 -> Text.of("Máy chủ web không đọc được yêu cầu (đường dẫn có ký tự hoặc đoạn không được phép, như %00 hay ..;).",
                    "The web server could not read the request (the path holds a character or segment that is not allowed, such as %00 or ..;).");
            default -> status >= 500 ? null : Text.of("Máy chủ web từ chối yêu cầu.", "The web server refused the request.");
        };
    }

    @Override
    public String toString() {
        return "Sotay problem+json error handler";
    }

}
