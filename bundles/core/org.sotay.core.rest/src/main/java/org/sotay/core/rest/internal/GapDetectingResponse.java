package org.sotay.core.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/**
 * Passes a response through, except a 404: that one is held in memory until the request is
 * done, so {@link RebuildGapFilter} can tell CXF's "no service" answer from a real 404 (which it
 * then writes out unchanged).
 */
final class GapDetectingResponse extends HttpServletResponseWrapper {
    static final String CXF_NO_SERVICE = "No service was found.";

    private final HttpServletResponse target;
    private boolean holding;
    private ByteArrayOutputStream held;
    private ServletOutputStream heldStream;
    private PrintWriter heldWriter;

    GapDetectingResponse(HttpServletResponse target) {
        super(target);
        this.target = target;
    }

    @Override
    public void setStatus(int sc) {
        if (sc == 404 && !target.isCommitted()) {
            holding = true;
        }
        super.setStatus(sc);
    }

    @Override
    public void sendError(int sc) throws IOException {
        if (sc == 404 && !target.isCommitted()) {
            holding = true;
            super.setStatus(sc);
            return;
        }
        super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        if (sc == 404 && !target.isCommitted()) {
            holding = true;
            super.setStatus(sc);
            if (msg != null) {
                buffer().write(msg.getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        super.sendError(sc, msg);
    }

    private ByteArrayOutputStream buffer() {
        if (held == null) {
            held = new ByteArrayOutputStream(256);
        }
        return held;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (!holding) {
            return super.getOutputStream();
        }
        if (heldStream == null) {
            ByteArrayOutputStream out = buffer();
            heldStream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    out.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }
        return heldStream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (!holding) {
            return super.getWriter();
        }
        if (heldWriter == null) {
            heldWriter = new PrintWriter(new OutputStreamWriter(buffer(), charset()));
        }
        return heldWriter;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (!holding) {
            super.flushBuffer();
        }
    }

    private Charset charset() {
        String enc = target.getCharacterEncoding();
        try {
            return enc == null ? StandardCharsets.ISO_8859_1 : Charset.forName(enc);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private byte[] heldBytes() {
        if (heldWriter != null) {
            heldWriter.flush();
        }
        return held == null ? new byte[0] : held.toByteArray();
    }

    /** Whether this was CXF's answer for an application with no server at the moment. */
    boolean sawRebuildGap() {
        if (!holding) {
            return false;
        }
        String type = target.getContentType();
        return (type == null || type.startsWith("text/html"))
                && new String(heldBytes(), StandardCharsets.ISO_8859_1).contains(CXF_NO_SERVICE);
    }

    /** Writes out a held (real) 404. */
    void finish() throws IOException {
        if (holding) {
            byte[] body = heldBytes();
            if (body.length > 0) {
                ServletOutputStream out = target.getOutputStream();
                out.write(body);
                out.flush();
            }
        }
    }
}
