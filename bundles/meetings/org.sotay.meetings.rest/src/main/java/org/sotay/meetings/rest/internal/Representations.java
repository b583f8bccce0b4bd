package org.sotay.meetings.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.MessageBodyWriter;
import javax.ws.rs.ext.Providers;

/**
 * Answers whose ETag is the hash of the exact bytes sent (written by the platform's own JSON provider),
 * so a poll gets 304 while nothing a client sees has changed, and a download can be resumed with Range.
 */
final class Representations {
    private Representations() {
    }

    /** The entity as the platform writes it in JSON. */
    static byte[] json(Providers providers, Object entity) {
        @SuppressWarnings("unchecked")
        MessageBodyWriter<Object> w = (MessageBodyWriter<Object>) providers.getMessageBodyWriter(entity.getClass(), entity.getClass(),
                new Annotation[0], MediaType.APPLICATION_JSON_TYPE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            w.writeTo(entity, entity.getClass(), entity.getClass(), new Annotation[0], MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static EntityTag tag(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return new EntityTag(Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 22));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 200 with the JSON and its ETag, or 304 when If-None-Match names it. */
    static Response ok(Providers providers, Request request, Object entity) {
        byte[] body = json(providers, entity);
        EntityTag tag = tag(body);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.build();
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).tag(tag).header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }

    /**
     * As {@link #ok}, resumable: {@code Range: bytes=N-} or {@code bytes=N-M} answers 206 with that part
     * (when {@code If-Range}, if sent, still names the current ETag); a range past the end is 416.
     */
    static Response resumable(Providers providers, Request request, HttpHeaders headers, Object entity) {
        byte[] body = json(providers, entity);
        EntityTag tag = tag(body);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.build();
        }
        String range = headers.getHeaderString("Range");
        String ifRange = headers.getHeaderString("If-Range");
        boolean current = ifRange == null || ifRange.strip().equals(tag.toString()) || ifRange.strip().equals(tag.getValue());
        if (range != null && current) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes=(\\d{1,12})-(\\d{0,12})").matcher(range.strip());
            if (m.matches()) {
                long start = Long.parseLong(m.group(1));
                long end = m.group(2).isEmpty() ? body.length - 1 : Math.min(Long.parseLong(m.group(2)), body.length - 1);
                if (start >= body.length || end < start) {
                    return Response.status(416).header("Content-Range", "bytes */" + body.length).tag(tag).build();
                }
                byte[] part = java.util.Arrays.copyOfRange(body, (int) start, (int) end + 1);
                return Response.status(206).entity(part).type(MediaType.APPLICATION_JSON_TYPE).tag(tag)
                        .header("Content-Range", "bytes " + start + "-" + end + "/" + body.length).header("Accept-Ranges", "bytes").build();
            }
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).tag(tag).header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
