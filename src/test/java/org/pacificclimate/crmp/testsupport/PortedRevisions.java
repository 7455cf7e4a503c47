package org.pacificclimate.crmp.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Revision;

/** The revisions the master changelog includes, in its order (file names are NNN-revision-slug.yaml). */
public final class PortedRevisions {

    private static final Pattern REVISION_FILE = Pattern.compile("revisions/(\\d{3})-([0-9a-f]{12})-[a-z0-9-]+\\.yaml");

    private PortedRevisions() {
    }

    public static List<Revision> all() {
        List<Revision> out = new ArrayList<>();
        for (String file : includedFiles()) {
            Matcher m = REVISION_FILE.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("master changelog includes " + file
                        + ", which is not named revisions/NNN-<revision>-<slug>.yaml");
            }
            Revision revision = Revision.byId(m.group(2));
            if (revision.number() != Integer.parseInt(m.group(1))) {
                throw new IllegalStateException(file + " is numbered " + m.group(1) + " but " + revision.id()
                        + " is revision " + revision.number() + " of the chain");
            }
            out.add(revision);
        }
        return out;
    }

    public static Revision head() {
        List<Revision> all = all();
        return all.get(all.size() - 1);
    }

    public static List<String> includedFiles() {
        try {
            JsonNode master = new ObjectMapper(new YAMLFactory()).readTree(TestDatabases.projectFile(
                    Migrations.MASTER_CHANGELOG).toFile());
            List<String> files = new ArrayList<>();
            for (JsonNode entry : master.get("databaseChangeLog")) {
                if (entry.has("include")) {
                    files.add(entry.get("include").get("file").asText());
                }
            }
            return files;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
