package org.pacificclimate.crmp.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.migration.ChangelogIndex;
import org.pacificclimate.crmp.migration.CompiledUpgrade;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * The changelogs the build packages are the source tree's: the jar carries {@code changelog/} at its root
 * (the pom's resource), so {@link Migrations#on} (classpath) and {@code Migrations.resources(new
 * DirectoryResourceAccessor(projectDirectory))} (source tree, as the Maven goals read it) resolve the same files
 * under the same names, and a database migrated from either records the same history, checksums included.
 * This matters because Liquibase identifies a changeset by id, author and file name, and refuses a changeset
 * whose checksum changed: a database migrated with the Maven goals must be maintainable from the jar, and back.
 */
class PackagedChangelogTest {

    @TempDir
    Path temporary;

    @Test
    void theBuildPackagesEveryChangelogFileUnchanged() throws IOException {
        Map<String, byte[]> source = files(TestDatabases.projectFile("changelog"));
        Map<String, byte[]> packaged = files(packagedChangelogDirectory());
        String index = ChangelogIndex.RESOURCE.substring("changelog/".length()); // made by the build, not a changelog
        assertTrue(packaged.remove(index) != null, "the build-time index " + ChangelogIndex.RESOURCE + " is packaged");
        String compiled = CompiledUpgrade.RESOURCE.substring("changelog/".length()); // made by the build too
        assertTrue(packaged.remove(compiled) != null, "the compiled upgrade " + CompiledUpgrade.RESOURCE
                + " is packaged");
        assertEquals(source.keySet(), packaged.keySet());
        for (String name : source.keySet()) {
            assertArrayEquals(source.get(name), packaged.get(name), name);
        }
    }

    @Test
    void theSourceTreeAndTheJarRecordTheSameHistoryAndBuildTheSameSchema() throws Exception {
        Path jar = jarOfPackagedChangelogs();
        try (TestDatabase fromSource = TestDatabases.empty();
             TestDatabase fromJar = TestDatabases.empty();
             URLClassLoader jarOnly = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            fromSource.migrations().resources(new DirectoryResourceAccessor(TestDatabases.projectFile(".").normalize().toFile()))
                    .update();
            ResourceAccessor jarResources = new ClassLoaderResourceAccessor(jarOnly);
            fromJar.migrations().resources(jarResources).update();

            List<List<String>> history = history(fromSource);
            assertEquals(2 * RevisionChain.standard().revisions().size(), history.size(), "a changeset and a tag per revision");
            assertEquals(history, history(fromJar));
            ObjectNode catalog = fromSource.catalog("crmp");
            assertEquals(catalog, fromJar.catalog("crmp"));
        }
    }

    /** What a changeset's identity and checksum are made of, in the order applied. */
    private static List<List<String>> history(TestDatabase db) throws Exception {
        return db.rows("SELECT id, author, filename, md5sum, tag, orderexecuted::text FROM crmp.databasechangelog "
                + "ORDER BY orderexecuted");
    }

    /** {@code changelog/} as the build put it on the classpath (target/classes, which the jar plugin packs). */
    private static Path packagedChangelogDirectory() throws IOException {
        URL master = Migrations.class.getClassLoader().getResource(Migrations.MASTER_CHANGELOG);
        assertNotNull(master, Migrations.MASTER_CHANGELOG + " is not on the classpath: the pom must package changelog/");
        try {
            URI uri = master.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar = FileSystems.newFileSystem(uri, Map.of());
                return jar.getPath("/changelog");
            }
            return Path.of(uri).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A jar holding the packaged {@code changelog/} at its root, with directory entries and a manifest as the jar
     * plugin writes them: Liquibase reads a jar through a different path handler than a directory.
     */
    private Path jarOfPackagedChangelogs() throws IOException {
        Path root = packagedChangelogDirectory();
        Path jar = temporary.resolve("crmp-schema-changelogs.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted().toList()) {
                String name = "changelog/" + root.relativize(path).toString().replace('\\', '/');
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new JarEntry(name.endsWith("/") ? name : name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Every file under {@code root}, by relative path. */
    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        }
        return files;
    }
}
