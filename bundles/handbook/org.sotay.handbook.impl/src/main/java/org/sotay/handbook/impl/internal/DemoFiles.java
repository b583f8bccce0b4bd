package org.sotay.handbook.impl.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo library's files, made in code: a real one-page PDF (a reader opens it; its title in the
 * document information is the Vietnamese one) and a real WAV (PCM, 8 kHz, mono, 8 bits: a short chime,
 * the stand-in for an audio reading). Both pass {@link MediaTypes#sniff} by their bytes.
 */
final class DemoFiles {
    private DemoFiles() {
    }

    /**
     * A PDF 1.4 with one A4 page of {@code lines} in Helvetica (the standard fonts have no Vietnamese letters,
     * so the page text is ASCII; {@code title} goes, in UTF-16, into the document information).
     */
    static byte[] pdf(String title, List<String> lines) {
        StringBuilder text = new StringBuilder("BT /F1 14 Tf 56 780 Td 18 TL\n");
        for (String line : lines) {
            text.append('(').append(escape(line)).append(") Tj T*\n");
        }
        text.append("ET\n");
        byte[] stream = text.toString().getBytes(StandardCharsets.US_ASCII);
        List<String> objects = new ArrayList<>();
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        objects.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        objects.add("<< /Length " + stream.length + " >>\nstream\n" + new String(stream, StandardCharsets.US_ASCII) + "endstream");
        objects.add("<< /Title <FEFF" + HexFormat.of().withUpperCase().formatHex(title.getBytes(StandardCharsets.UTF_16BE))
                + "> /Producer (Sotay demo) >>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.4\n");
        out.writeBytes(new byte[] { '%', (byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n' }); // binary marker, as the spec advises
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        long xref = out.size();
        StringBuilder x = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (long o : offsets) {
            x.append(String.format("%010d 00000 n \n", o));
        }
        x.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R /Info ").append(objects.size()).append(" 0 R >>\n");
        x.append("startxref\n").append(xref).append("\n%%EOF\n");
        write(out, x.toString());
        return out.toByteArray();
    }

    /** A WAV of {@code millis} ms: three soft notes (A4, C#5, E5) with a fade in and out, 8 kHz, 8-bit unsigned PCM, mono. */
    static byte[] wav(int millis) {
        int rate = 8000;
        int samples = rate * millis / 1000;
        double[] notes = { 440.0, 554.37, 659.25 };
        byte[] pcm = new byte[samples];
        int fade = rate / 50;
        for (int i = 0; i < samples; i++) {
            double f = notes[Math.min(notes.length - 1, i * notes.length / samples)];
            double envelope = Math.min(1.0, Math.min(i, samples - 1 - i) / (double) fade);
            pcm[i] = (byte) (128 + Math.round(60 * envelope * Math.sin(2 * Math.PI * f * i / rate)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "RIFF");
        le32(out, 36 + pcm.length);
        write(out, "WAVEfmt ");
        le32(out, 16); // PCM format chunk
        le16(out, 1); // PCM
        le16(out, 1); // mono
        le32(out, rate);
        le32(out, rate); // bytes per second: rate * channels * 1 byte
        le16(out, 1); // block align
        le16(out, 8); // bits per sample
        write(out, "data");
        le32(out, pcm.length);
        out.writeBytes(pcm);
        return out.toByteArray();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write((v >>> 16) & 0xFF);
        out.write((v >>> 24) & 0xFF);
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }
}
