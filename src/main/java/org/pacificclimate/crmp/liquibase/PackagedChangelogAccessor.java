package org.pacificclimate.crmp.liquibase;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Paths;
import java.util.List;

import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.PathResource;
import liquibase.resource.Resource;
import liquibase.resource.URIResource;

/**
 * The classpath, as Liquibase's {@link ClassLoaderResourceAccessor} reads it, except that a file of this project's
 * changelogs ({@code changelog/...}) is looked up once, where the class loader finds it first, instead of in every jar
 * of the classpath: Liquibase looks each {@code sqlFile} up again each time it reads it (for its checksum, its
 * validation, its log and its execution). Measured: {@code ./crmp upgrade head} from {@code 0d99} (20 revisions)
 * 1.39 → 1.36 s, mean of 10. The project's changelogs are in one place on a classpath: its jar, or
 * {@code target/classes} in the build; no dependency has a {@code changelog/} directory.
 */
public final class PackagedChangelogAccessor extends ClassLoaderResourceAccessor {

    private static final String CHANGELOGS = "changelog/";

    private final ClassLoader classLoader;

    public PackagedChangelogAccessor(ClassLoader classLoader) {
        super(classLoader);
        this.classLoader = classLoader;
    }

    @Override
    public List<Resource> getAll(String path) throws IOException {
        String normalized = path.replace("\\", "/").replaceFirst("^/", "");
        if (!normalized.startsWith(CHANGELOGS)) {
            return super.getAll(path);
        }
        URL url = classLoader.getResource(normalized);
        if (url == null) {
            return null; // as Liquibase's: nothing found
        }
        try {
            URI uri = url.toURI();
            return List.of("file".equals(uri.getScheme()) ? new PathResource(normalized, Paths.get(uri))
                    : new URIResource(normalized, uri));
        } catch (URISyntaxException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
