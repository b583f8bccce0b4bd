package org.sotay.core.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.ws.rs.BadRequestException;
import javax.ws.rs.NotAcceptableException;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.sotay.core.api.Api;
import org.sotay.core.api.Dates;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.Problem;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns any failure into an RFC 9457 problem in the caller's language. Only what a client may
 * know goes out: our own messages, the field at fault, the request id; never a stack trace or
 * an exception message from a library.
 */
final class Problems {
    private Problems() {
    }

    /** What a throwable means to the client; {@code null} when it is an internal error. */
    static SotayException classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            // the request stream stopped at the size limit: 413, whatever a resource made of the failed read
            if (c instanceof PayloadTooLargeException p) {
                return p.toSotay();
            }
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SotayException s) {
                return s;
            }
            if (c instanceof JsonProcessingException j) {
                return fromJson(j);
            }
            if (c instanceof PayloadTooLargeException p) {
                return p.toSotay();
            }
            if ("OptimisticLockException".equals(c.getClass().getSimpleName())) {
                return SotayException.staleVersion();
            }
        }
        if (isMalformedEscape(t)) {
            // ?q=%zz or a trailing %: CXF fails to decode the address before any resource is chosen
            return new SotayException(ProblemType.MALFORMED_REQUEST, Text.of(
                    "Địa chỉ có mã thoát phần trăm (%) không hợp lệ.", "The address has a malformed percent-escape (%)."));
        }
        if (t instanceof NotFoundException && t.getCause() != null) {
            // JAX-RS answers 404 when a path or query parameter does not convert (?limit=abc): that is the client's input
            return new SotayException(ProblemType.MALFORMED_REQUEST, Text.of(
                    "Một tham số trong địa chỉ không đúng kiểu.", "A parameter in the address has the wrong type."));
        }
        if (t instanceof NotFoundException) {
            return new SotayException(ProblemType.NOT_FOUND,
                    Text.of("Không có tài nguyên nào ở địa chỉ này.", "There is no resource at this address."));
        }
        if (t instanceof NotAllowedException) {
            return new SotayException(ProblemType.METHOD_NOT_ALLOWED, null);
        }
        if (t instanceof NotSupportedException) {
            return new SotayException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    Text.of("Hãy gửi dữ liệu dạng application/json.", "Send the body as application/json."));
        }
        if (t instanceof NotAcceptableException) {
            return new SotayException(ProblemType.NOT_ACCEPTABLE, null);
        }
        if (t instanceof NotAuthorizedException) {
            return new SotayException(ProblemType.UNAUTHORIZED, null);
        }
        if (t instanceof BadRequestException) {
            return new SotayException(ProblemType.MALFORMED_REQUEST, Text.of(
                    "Tham số hoặc nội dung yêu cầu không hợp lệ.", "A parameter or the request body is malformed."));
        }
        if (t instanceof WebApplicationException w && w.getResponse() != null && w.getResponse().getStatus() < 500) {
            int status = w.getResponse().getStatus();
            // CXF signals these with a plain WebApplicationException carrying the status
            switch (status) {
            case 400:
                return new SotayException(ProblemType.MALFORMED_REQUEST, null);
            case 401:
                return new SotayException(ProblemType.UNAUTHORIZED, null);
            case 404:
                return classify(new NotFoundException());
            case 405:
                return new SotayException(ProblemType.METHOD_NOT_ALLOWED, null);
            case 406:
                return new SotayException(ProblemType.NOT_ACCEPTABLE, null);
            case 413:
                return new SotayException(ProblemType.PAYLOAD_TOO_LARGE, null);
            case 415:
                return classify(new NotSupportedException());
            default:
                break;
            }
            return new SotayException(ProblemType.of("http-" + status, status,
                    Text.of("Yêu cầu không được chấp nhận (" + status + ")", "Request refused (" + status + ")")), null);
        }
        return null;
    }

    /**
     * Jackson's failures as field errors with stable codes: {@code unknown-field}, {@code duplicate-field}
     * (a key given twice), {@code out-of-range} (a date outside {@link Dates}' range, a number too large for
     * its field), {@code invalid-value} (wrong type or format); anything else is a malformed body.
     */
    private static SotayException fromJson(JsonProcessingException j) {
        if (j instanceof UnrecognizedPropertyException u) {
            return SotayException.invalid(List.of(new FieldError(path(u), "unknown-field", Text.of(
                    "Trường này không được chấp nhận ở đây.", "This field is not accepted here."))));
        }
        if (j instanceof Json.OutOfRangeException o) {
            return SotayException.invalid(List.of(Dates.error(path(o))));
        }
        String duplicate = duplicateField(j);
        if (duplicate != null) {
            return SotayException.invalid(List.of(new FieldError(duplicate, "duplicate-field", Text.of(
                    "Trường này xuất hiện hai lần.", "This field is given twice."))));
        }
        if (j instanceof JsonMappingException m && !m.getPath().isEmpty()
                && (m.getCause() instanceof InputCoercionException || j instanceof InputCoercionException)) {
            return SotayException.invalid(List.of(new FieldError(path(m), "out-of-range", Text.of(
                    "Số quá lớn hoặc quá nhỏ cho trường này.", "The number is too large or too small for this field."))));
        }
        if (j instanceof InvalidFormatException || (j instanceof JsonMappingException m && !m.getPath().isEmpty())) {
            return SotayException.invalid(List.of(new FieldError(path((JsonMappingException) j), "invalid-value",
                    Text.of("Giá trị không đúng kiểu hoặc định dạng.", "The value has the wrong type or format."))));
        }
        JsonLocation loc = j.getLocation();
        String where = loc == null ? "" : " (" + loc.getLineNr() + ":" + loc.getColumnNr() + ")";
        return new SotayException(ProblemType.MALFORMED_REQUEST, Text.of(
                "Nội dung không phải JSON hợp lệ" + where + ".", "The body is not valid JSON" + where + "."));
    }

    /** CXF's URL decoder refusing a percent-escape ({@code %zz}, a trailing {@code %}) of the request's address. */
    private static boolean isMalformedEscape(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IllegalArgumentException && c.getStackTrace().length > 0) {
                for (int i = 0; i < Math.min(4, c.getStackTrace().length); i++) {
                    if ("org.apache.cxf.common.util.UrlUtils".equals(c.getStackTrace()[i].getClassName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The path of a key the parser saw twice ({@code StreamReadFeature.STRICT_DUPLICATE_DETECTION}), or {@code null}. */
    private static String duplicateField(JsonProcessingException j) {
        StreamReadException read = null;
        for (Throwable c = j; c != null && read == null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof StreamReadException r && r.getOriginalMessage() != null
                    && r.getOriginalMessage().startsWith("Duplicate field '")) {
                read = r; // as the parser threw it, or wrapped by the reader of the enclosing property
            }
        }
        if (read == null) {
            return null;
        }
        String message = read.getOriginalMessage();
        int end = message.lastIndexOf('\'');
        String name = end > 17 ? message.substring(17, end) : "";
        StringBuilder sb = new StringBuilder();
        JsonParser p = read.getProcessor();
        if (p != null) {
            // the object holding the key twice, and where it sits
            JsonStreamContext at = p.getParsingContext();
            List<String> parts = new ArrayList<>();
            for (JsonStreamContext c = at == null ? null : at.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
                parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName() == null ? "" : "." + c.getCurrentName());
            }
            parts.forEach(sb::append);
        }
        String prefix = sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    static Problem toProblem(SotayException e, Locale locale, String instance, String requestId) {
        List<Problem.Error> errors = new ArrayList<>();
        for (FieldError f : e.errors()) {
            errors.add(new Problem.Error(f.field(), f.code(), f.message().in(locale)));
        }
        ProblemType type = e.type();
        return new Problem(type.uri(), type.title().in(locale), type.status(),
                e.detail() == null ? null : e.detail().in(locale), instance, requestId, errors);
    }

    static Problem internal(Locale locale, String instance, String requestId) {
        ProblemType type = ProblemType.INTERNAL;
        Text detail = Text.of("Đã có lỗi không mong muốn; hãy báo cho quản trị viên mã yêu cầu " + requestId + ".",
                "Something unexpected went wrong; give the administrator request id " + requestId + ".");
        return new Problem(type.uri(), type.title().in(locale), type.status(), detail.in(locale), instance, requestId,
                List.of());
    }

    static Response response(Problem p, Locale locale) {
        return response(p, locale, null);
    }

    /** The problem response; {@code cause}'s {@code Allow} header (on a 405) is kept. */
    static Response response(Problem p, Locale locale, Throwable cause) {
        Response.ResponseBuilder b = Response.status(p.getStatus()).type(Api.PROBLEM_JSON).entity(p)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage());
        if (cause instanceof WebApplicationException w && w.getResponse() != null && w.getResponse().getHeaderString("Allow") != null) {
            b.header("Allow", w.getResponse().getHeaderString("Allow"));
        }
        if (cause instanceof SotayException s && s.retryAfterSeconds() > 0) {
            b.header("Retry-After", Long.toString(s.retryAfterSeconds()));
        }
        if (p.getStatus() == 401) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sotay\"");
        }
        return b.build();
    }
}
