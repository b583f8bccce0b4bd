package org.sotay.handbook.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.MessageBodyWriter;
import javax.ws.rs.ext.Providers;

/**
 * A JSON answer as clients on slow links need it: written by the platform's own JSON writer into bytes, so its
 * {@code ETag} is the digest of exactly what is sent (a poll with {@code If-None-Match} that matches is a bodiless
 * 304), gzip-compressed when the client accepts it ({@code Vary: Accept-Encoding}; a compressed answer has its
 * own tag), and, for the offline packet, served in byte ranges ({@code Range}, {@code If-Range}: 206) so a
 * download cut at the cultural house resumes where it stopped.
 */
final class Representation {
    /** Answers smaller than this are sent as they are: gzip would add more than it saves. */
    static final int GZIP_MIN = 256;

    private Representation() {
    }

    static Response json(Object entity, HttpHeaders headers, Providers providers, boolean ranges) {
        byte[] plain = render(entity, providers);
        boolean gzip = plain.length >= GZIP_MIN && accepts(headers, "gzip");
        String digest = digest(plain);
        String tag = "\"" + digest + (gzip ? "-gz" : "") + "\"";
        if (matches(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), digest)) {
            return common(Response.notModified(), tag, ranges).build();
        }
        byte[] body = gzip ? gzip(plain) : plain;
        Response.ResponseBuilder ok = ranges ? range(headers, body, tag) : null;
        if (ok == null) {
            ok = Response.ok(body);
        }
        ok.type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"));
        if (gzip) {
            ok.header("Content-Encoding", "gzip");
        }
        return common(ok, tag, ranges).build();
    }

    private static Response.ResponseBuilder common(Response.ResponseBuilder b, String tag, boolean ranges) {
        b.header(HttpHeaders.ETAG, tag).header(HttpHeaders.VARY, "Accept-Encoding").header(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        if (ranges) {
            b.header("Accept-Ranges", "bytes");
        }
        return b;
    }

    /** 206 with the asked bytes, 416 when none can be sent, {@code null} for the whole (no Range, or an If-Range that no longer holds). */
    static Response.ResponseBuilder range(HttpHeaders headers, byte[] body, String tag) {
        long[] r = Ranges.parse(headers.getHeaderString("Range"), headers.getHeaderString("If-Range"), tag, body.length);
        if (r == null) {
            return null;
        }
        if (r.length == 0) {
            return Response.status(416).header("Content-Range", "bytes */" + body.length);
        }
        byte[] part = java.util.Arrays.copyOfRange(body, (int) r[0], (int) r[1] + 1);
        return Response.status(206).entity(part).header("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + body.length);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static byte[] render(Object entity, Providers providers) {
        MessageBodyWriter writer = providers.getMessageBodyWriter(entity.getClass(), entity.getClass(), new Annotation[0], MediaType.APPLICATION_JSON_TYPE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.writeTo(entity, entity.getClass(), entity.getClass(), new Annotation[0], MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String digest(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code If-None-Match} names this content (in either encoding, weak or strong). */
    static boolean matches(String ifNoneMatch, String digest) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String t : ifNoneMatch.split(",")) {
            String s = t.strip();
            if (s.equals("*")) {
                return true;
            }
            if (s.startsWith("W/")) {
                s = s.substring(2);
            }
            s = s.replace("\"", "");
            if (s.endsWith("-gz")) {
                s = s.substring(0, s.length() - 3);
            }
            if (s.equals(digest)) {
                return true;
            }
        }
        return false;
    }

    static boolean accepts(HttpHeaders headers, String coding) {
        String ae = headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING);
        if (ae == null) {
            return false;
        }
        for (String part : ae.toLowerCase(Locale.ROOT).split(",")) {
            String[] p = part.strip().split(";");
            if (p[0].strip().equals(coding)) {
                return !(p.length > 1 && p[1].strip().replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }

    /** Deterministic gzip (the JDK writes no time into the header), so the same content always has the same bytes. */
    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
