package org.pacificclimate.crmp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A database label is a file {@code environments/<label>.properties} and a Maven profile of the same id (so that
 * {@code -P<label>} is known to Maven); the project's resolver reads the file. Both lists must agree.
 */
@Tag("fast")
class LabelProfilesTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    @Test
    void everyLabelFileHasItsMavenProfileAndEveryLabelProfileItsFile() throws IOException {
        TreeSet<String> files = new TreeSet<>(new ConfigResolver(Map.of(), Map.of(), PROJECT.resolve("environments"))
                .labels());
        TreeSet<String> profiles = new TreeSet<>();
        Matcher id = Pattern.compile("<profile>\\s*<id>([^<]+)</id>").matcher(Files.readString(PROJECT.resolve("pom.xml")));
        while (id.find()) {
            profiles.add(id.group(1));
        }
        profiles.remove("not-compiled"); // the one profile that is not a label
        assertEquals(files, profiles);
    }

    @Test
    void everyLabelFileResolves() {
        ConfigResolver resolver = new ConfigResolver(Map.of(), Map.of(), PROJECT.resolve("environments"));
        for (String label : resolver.labels()) {
            Settings settings = resolver.resolve(java.util.Optional.of(label));
            assertEquals(true, settings.url().isPresent(), label + " has a url");
            assertEquals(true, settings.username().isPresent(), label + " has a username");
        }
    }
}
