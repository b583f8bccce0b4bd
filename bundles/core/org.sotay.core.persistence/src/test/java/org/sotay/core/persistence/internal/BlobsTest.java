package org.sotay.core.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.blobs.BlobInfo;

/** The file store on a real database, with its content in the database and in a directory. */
class BlobsTest {
    private DataSource ds;
    @TempDir
    Path dir;

    @BeforeEach
    void fresh() throws Exception {
        ds = CoreDb.fresh("blobs");
    }

    private Blobs store(String where) {
        return new Blobs(new Jdbc(ds), Clock.systemUTC(), where, dir.resolve("files"), 4096);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = { Blobs.DATABASE, Blobs.DIRECTORY })
    void whatGoesInComesOutWholeOrByRangeWithItsChecksum(String where) throws Exception {
        Blobs blobs = store(where);
        byte[] content = bytes(10_000 + 123); // spans three chunks of 4096
        BlobInfo info = blobs.put("handbook", "application/pdf", new ByteArrayInputStream(content), 1_000_000, null);
        assertEquals(content.length, info.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), info.sha256());
        assertEquals(info, blobs.info(info.id()).orElseThrow());
        try (InputStream in = blobs.open(info.id(), 0, -1)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        // a resumed download: the bytes from 4000 on, across a chunk border
        try (InputStream in = blobs.open(info.id(), 4000, 5000)) {
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 4000, 9000), in.readAllBytes());
        }
        try (InputStream in = blobs.open(info.id(), 10_100, -1)) {
            assertEquals(23, in.readAllBytes().length);
        }
        assertTrue(blobs.delete(info.id()));
        assertTrue(blobs.info(info.id()).isEmpty());
        assertFalse(blobs.delete(info.id()));
        assertEquals(ProblemType.NOT_FOUND, assertThrows(SotayException.class, () -> blobs.open(info.id(), 0, -1)).type());
    }

    @ParameterizedTest
    @ValueSource(strings = { Blobs.DATABASE, Blobs.DIRECTORY })
    void anUploadOverTheLimitIs413AndLeavesNothing(String where) throws Exception {
        Blobs blobs = store(where);
        SotayException e = assertThrows(SotayException.class,
                () -> blobs.put("registry", "text/csv", new ByteArrayInputStream(bytes(9000)), 8999, Duration.ofDays(1)));
        assertEquals(413, e.type().status());
        assertTrue(e.detail().en().contains("8999"));
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = { Blobs.DATABASE, Blobs.DIRECTORY })
    void anUploadThatBreaksOffIs400AndLeavesNothing(String where) throws Exception {
        Blobs blobs = store(where);
        InputStream broken = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ > 6000) {
                    throw new IOException("connection reset by peer");
                }
                return 7;
            }
        };
        SotayException e = assertThrows(SotayException.class, () -> blobs.put("registry", null, broken, 1_000_000, null));
        assertEquals(400, e.type().status());
        assertFalse(e.detail().en().contains("reset"), "no library message to the client");
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = { Blobs.DATABASE, Blobs.DIRECTORY })
    void expiredFilesArePurgedAndKeptOnesStay(String where) throws Exception {
        Blobs blobs = store(where);
        BlobInfo gone = blobs.put("registry", null, new ByteArrayInputStream(bytes(10)), 100, Duration.ofMillis(-1));
        BlobInfo kept = blobs.put("registry", null, new ByteArrayInputStream(bytes(10)), 100, Duration.ofMillis(-1));
        blobs.keep(kept.id());
        assertEquals(1, blobs.purgeExpired());
        assertTrue(blobs.info(gone.id()).isEmpty());
        assertTrue(blobs.info(kept.id()).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = { Blobs.DATABASE, Blobs.DIRECTORY })
    void anEmptyFileIsAFile(String where) throws Exception {
        Blobs blobs = store(where);
        BlobInfo empty = blobs.put("registry", null, new ByteArrayInputStream(new byte[0]), 100, null);
        assertEquals(0, empty.size());
        try (InputStream in = blobs.open(empty.id(), 0, -1)) {
            assertEquals(0, in.readAllBytes().length);
        }
    }

    private void assertNothingStored() throws Exception {
        Jdbc jdbc = new Jdbc(ds);
        assertEquals(0, jdbc.first("SELECT COUNT(*) FROM CORE_BLOB", rs -> rs.getInt(1)).orElseThrow());
        assertEquals(0, jdbc.first("SELECT COUNT(*) FROM CORE_BLOB_CHUNK", rs -> rs.getInt(1)).orElseThrow());
        Path files = dir.resolve("files");
        if (Files.isDirectory(files)) {
            try (var list = Files.list(files)) {
                assertEquals(0, list.count(), "no file left in the directory");
            }
        }
    }
}
