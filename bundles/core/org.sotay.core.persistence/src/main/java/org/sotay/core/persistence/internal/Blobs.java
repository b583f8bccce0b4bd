package org.sotay.core.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.blobs.BlobInfo;
import org.sotay.core.api.blobs.BlobStore;

/**
 * The blob store, free of OSGi. Metadata is always a row of CORE_BLOB, so every node knows every
 * file; the bytes go either to CORE_BLOB_CHUNK in chunks (the default: nothing more to share or back
 * up than the database) or to a directory, which in a cluster must be one every node mounts.
 * A put is one transaction (database) or a file renamed into place once complete (directory): a
 * refused or broken upload leaves nothing.
 */
public final class Blobs implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(Blobs.class);
    public static final String DATABASE = "database";
    public static final String DIRECTORY = "directory";

    private final Jdbc jdbc;
    private final Clock clock;
    private volatile String store;
    private volatile Path directory;
    private volatile int chunkBytes;

    public Blobs(Jdbc jdbc, Clock clock, String store, Path directory, int chunkBytes) {
        this.jdbc = jdbc;
        this.clock = clock;
        configure(store, directory, chunkBytes);
    }

    void configure(String store, Path directory, int chunkBytes) {
        if (!DATABASE.equals(store) && !DIRECTORY.equals(store)) {
            throw new IllegalArgumentException("store must be 'database' or 'directory', not '" + store + "'");
        }
        if (DIRECTORY.equals(store) && directory == null) {
            throw new IllegalArgumentException("store = directory needs a directory");
        }
        this.store = store;
        this.directory = directory;
        this.chunkBytes = Math.max(4096, Math.min(4 * 1024 * 1024, chunkBytes));
    }

    @Override
    public BlobInfo put(String module, String contentType, InputStream content, long maxBytes, Duration ttl) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        Long expires = ttl == null ? null : now + ttl.toMillis();
        String type = contentType == null ? null : TrackedJobs.cut(contentType.strip(), 200);
        MessageDigest sha = sha256();
        String where = store;
        int chunk = chunkBytes;
        Stored stored;
        try {
            if (DATABASE.equals(where)) {
                stored = putInDatabase(id, module, type, content, maxBytes, sha, chunk, now, expires);
            } else {
                stored = putInDirectory(id, module, type, content, maxBytes, sha, now, expires);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a file: " + e.getMessage(), e);
        }
        return new BlobInfo(id, module, type, stored.size, stored.sha256, Instant.ofEpochMilli(now),
                expires == null ? null : Instant.ofEpochMilli(expires));
    }

    private record Stored(long size, String sha256) {
    }

    private Stored putInDatabase(String id, String module, String type, InputStream content, long maxBytes, MessageDigest sha, int chunk,
            long now, Long expires) throws SQLException {
        try (Connection c = jdbc.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                long size = 0;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO CORE_BLOB_CHUNK (BLOB_ID, SEQ, DATA) VALUES (?, ?, ?)")) {
                    byte[] buf = new byte[chunk];
                    int seq = 0;
                    while (true) {
                        int n = fill(content, buf);
                        if (n <= 0) {
                            break;
                        }
                        size += n;
                        if (size > maxBytes) {
                            throw tooLarge(maxBytes);
                        }
                        sha.update(buf, 0, n);
                        ps.setString(1, id);
                        ps.setInt(2, seq++);
                        ps.setBytes(3, n == buf.length ? buf : java.util.Arrays.copyOf(buf, n));
                        ps.executeUpdate();
                        if (n < buf.length) {
                            break;
                        }
                    }
                }
                String hex = HexFormat.of().formatHex(sha.digest());
                insertRow(c, id, module, type, size, hex, DATABASE, chunk, now, expires);
                c.commit();
                return new Stored(size, hex);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Stored putInDirectory(String id, String module, String type, InputStream content, long maxBytes, MessageDigest sha, long now,
            Long expires) throws SQLException {
        Path dir = directory;
        Path part = dir.resolve(id + ".part");
        Path target = dir.resolve(id);
        long size = 0;
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = read(content, buf)) > 0) {
                    size += n;
                    if (size > maxBytes) {
                        throw tooLarge(maxBytes);
                    }
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(part);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot write " + part + ": " + e.getMessage(), e);
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        try (Connection c = jdbc.dataSource().getConnection()) {
            c.setAutoCommit(true);
            insertRow(c, id, module, type, size, hex, DIRECTORY, 0, now, expires);
        } catch (SQLException | RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
        return new Stored(size, hex);
    }

    private static void insertRow(Connection c, String id, String module, String type, long size, String sha, String where, int chunk, long now,
            Long expires) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO CORE_BLOB (ID, MODULE, CONTENT_TYPE, SIZE_BYTES, SHA256, STORE, CHUNK_BYTES,"
                + " CREATED_MS, EXPIRES_MS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Jdbc.bind(ps, id, TrackedJobs.cut(module, 40), type, size, sha, where, chunk, now, expires);
            if (expires == null) {
                ps.setNull(9, java.sql.Types.BIGINT);
            }
            ps.executeUpdate();
        }
    }

    /** Reads until {@code buf} is full or the stream ends. */
    private static int fill(InputStream in, byte[] buf) {
        int off = 0;
        while (off < buf.length) {
            int n = read(in, buf, off, buf.length - off);
            if (n < 0) {
                break;
            }
            off += n;
        }
        return off;
    }

    private static int read(InputStream in, byte[] buf) {
        return read(in, buf, 0, buf.length);
    }

    /** A broken-off upload is the client's problem (400), never a 500. */
    private static int read(InputStream in, byte[] buf, int off, int len) {
        try {
            return in.read(buf, off, len);
        } catch (IOException e) {
            throw new SotayException(ProblemType.MALFORMED_REQUEST, Text.of("Tệp tải lên bị ngắt giữa chừng; không có gì được lưu.",
                    "The upload broke off before its end; nothing was kept."), List.of(), e);
        }
    }

    static SotayException tooLarge(long maxBytes) {
        return new SotayException(ProblemType.PAYLOAD_TOO_LARGE, Text.of("Tệp vượt quá giới hạn " + maxBytes + " byte; không có gì được lưu.",
                "The file exceeds the limit of " + maxBytes + " bytes; nothing was kept."));
    }

    @Override
    public Optional<BlobInfo> info(String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        try {
            return jdbc.first("SELECT ID, MODULE, CONTENT_TYPE, SIZE_BYTES, SHA256, CREATED_MS, EXPIRES_MS FROM CORE_BLOB WHERE ID = ?",
                    rs -> {
                        Long exp = Jdbc.longOrNull(rs, 7);
                        return new BlobInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                                Instant.ofEpochMilli(rs.getLong(6)), exp == null ? null : Instant.ofEpochMilli(exp));
                    }, id);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read file " + id + ": " + e.getMessage(), e);
        }
    }

    private record Where(String store, int chunk, long size) {
    }

    @Override
    public InputStream open(String id, long offset, long length) {
        Where w;
        try {
            w = id == null || id.length() > 36 ? null : jdbc.first("SELECT STORE, CHUNK_BYTES, SIZE_BYTES FROM CORE_BLOB WHERE ID = ?",
                    rs -> new Where(rs.getString(1), rs.getInt(2), rs.getLong(3)), id).orElse(null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read file " + id + ": " + e.getMessage(), e);
        }
        if (w == null) {
            throw SotayException.notFound(Text.of("Không có tệp này.", "There is no such file."));
        }
        long start = Math.max(0, Math.min(offset, w.size));
        long end = length < 0 ? w.size : Math.min(w.size, start + length);
        if (DIRECTORY.equals(w.store)) {
            try {
                InputStream in = Files.newInputStream(directory.resolve(id));
                in.skipNBytes(start);
                return new Bounded(in, end - start);
            } catch (IOException e) {
                throw new IllegalStateException("file " + id + " is missing from " + directory + ": " + e.getMessage(), e);
            }
        }
        return new Chunks(id, w.chunk, start, end);
    }

    /** The database's chunks, one short query per chunk. */
    private final class Chunks extends InputStream {
        private final String id;
        private final int chunk;
        private final long end;
        private long pos;
        private byte[] current;
        private int currentSeq = -1;

        Chunks(String id, int chunk, long start, long end) {
            this.id = id;
            this.chunk = chunk;
            this.pos = start;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int seq = (int) (pos / chunk);
            if (seq != currentSeq) {
                current = load(seq);
                currentSeq = seq;
            }
            int within = (int) (pos - (long) seq * chunk);
            int n = (int) Math.min(Math.min(len, current.length - within), end - pos);
            if (n <= 0) {
                throw new IOException("file " + id + " is shorter than recorded");
            }
            System.arraycopy(current, within, b, off, n);
            pos += n;
            return n;
        }

        private byte[] load(int seq) throws IOException {
            try (Connection c = jdbc.dataSource().getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT DATA FROM CORE_BLOB_CHUNK WHERE BLOB_ID = ? AND SEQ = ?")) {
                ps.setString(1, id);
                ps.setInt(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IOException("chunk " + seq + " of file " + id + " is missing");
                    }
                    return rs.getBytes(1);
                }
            } catch (SQLException e) {
                throw new IOException("cannot read file " + id + ": " + e.getMessage(), e);
            }
        }
    }

    /** At most {@code remaining} bytes of a file. */
    private static final class Bounded extends java.io.FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    @Override
    public void keep(String id) {
        try {
            jdbc.update("UPDATE CORE_BLOB SET EXPIRES_MS = NULL WHERE ID = ?", id);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep file " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String id) {
        if (id == null) {
            return false;
        }
        try {
            Optional<String> where = jdbc.first("SELECT STORE FROM CORE_BLOB WHERE ID = ?", rs -> rs.getString(1), id);
            if (where.isEmpty()) {
                return false;
            }
            try (Connection c = jdbc.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement a = c.prepareStatement("DELETE FROM CORE_BLOB_CHUNK WHERE BLOB_ID = ?");
                        PreparedStatement b = c.prepareStatement("DELETE FROM CORE_BLOB WHERE ID = ?")) {
                    a.setString(1, id);
                    a.executeUpdate();
                    b.setString(1, id);
                    b.executeUpdate();
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            }
            if (DIRECTORY.equals(where.get()) && directory != null) {
                deleteQuietly(directory.resolve(id));
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete file " + id + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the files whose time to live has run out; how many. */
    public int purgeExpired() {
        try {
            List<String> ids = jdbc.query("SELECT ID FROM CORE_BLOB WHERE EXPIRES_MS < ?", rs -> rs.getString(1), clock.millis());
            int n = 0;
            for (String id : ids) {
                if (delete(id)) {
                    n++;
                }
            }
            return n;
        } catch (SQLException e) {
            LOG.warn("Expired files not purged: {}", e.toString());
            return 0;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", p, e.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
