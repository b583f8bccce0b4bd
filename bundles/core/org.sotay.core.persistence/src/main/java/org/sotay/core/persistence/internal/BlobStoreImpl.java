package org.sotay.core.persistence.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.sotay.core.api.blobs.BlobInfo;
import org.sotay.core.api.blobs.BlobStore;

/** The {@link BlobStore} of the platform (configuration PID {@code org.sotay.core.blobs}); see {@link Blobs}. */
@Component(service = { BlobStore.class, BlobStoreImpl.class }, configurationPid = BlobStoreImpl.PID)
@Designate(ocd = BlobStoreImpl.Config.class)
public class BlobStoreImpl implements BlobStore {
    static final String PID = "org.sotay.core.blobs";

    @ObjectClassDefinition(id = PID, name = "Sotay file store", description = "Where uploaded and published files are kept")
    @interface Config {
        @AttributeDefinition(description = "database (default: in the Sotay database, nothing else to share or back up) or directory")
        String store() default Blobs.DATABASE;

        @AttributeDefinition(description = "With store = directory: the folder, which every node of a cluster must mount")
        String directory() default "${karaf.data}/sotay-files";

        @AttributeDefinition(description = "With store = database: the size of a stored chunk, in bytes")
        int chunkBytes() default 256 * 1024;
    }

    private final Blobs blobs;

    @Activate
    public BlobStoreImpl(Config config, @Reference CoreSchema schema, @Reference(target = "(osgi.jndi.service.name=sotay)") DataSource dataSource,
            @Reference Clock clock) {
        this.blobs = new Blobs(new Jdbc(dataSource), clock, config.store().strip(), directory(config), config.chunkBytes());
    }

    @Modified
    void configure(Config config) {
        blobs.configure(config.store().strip(), directory(config), config.chunkBytes());
    }

    private static Path directory(Config config) {
        String d = config.directory();
        if (d == null || d.isBlank()) {
            return null;
        }
        return Path.of(d.replace("${karaf.data}", System.getProperty("karaf.data", "data")));
    }

    @Override
    public BlobInfo put(String module, String contentType, InputStream content, long maxBytes, Duration ttl) {
        return blobs.put(module, contentType, content, maxBytes, ttl);
    }

    @Override
    public Optional<BlobInfo> info(String id) {
        return blobs.info(id);
    }

    @Override
    public InputStream open(String id, long offset, long length) {
        return blobs.open(id, offset, length);
    }

    @Override
    public void keep(String id) {
        blobs.keep(id);
    }

    @Override
    public boolean delete(String id) {
        return blobs.delete(id);
    }

    int purgeExpired() {
        return blobs.purgeExpired();
    }
}
