package org.pacificclimate.crmp.liquibase;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * Which changelogs are this project's: those whose first line is the {@value #MARKER} comment (the master changelog
 * and every revision file carry it). The extension acts on those only, so an application that carries this jar
 * keeps Liquibase's stock behaviour for its own changelogs (the way Keycloak scopes its Liquibase services).
 */
public final class ProjectChangelogs {

    /** The first line of every changelog file of this project. */
    public static final String MARKER = "# crmp-schema changelog";

    private ProjectChangelogs() {
    }

    /** @return whether {@code path} (as Liquibase resolves it) is one of this project's changelogs */
    public static boolean isOurs(String path, ResourceAccessor resources) {
        if (path == null || resources == null) {
            return false;
        }
        try {
            Resource resource = resources.get(path);
            if (resource == null || !resource.exists()) {
                return false;
            }
            try (InputStream in = resource.openInputStream();
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String first = reader.readLine();
                return first != null && first.startsWith(MARKER);
            }
        } catch (IOException e) {
            return false;
        }
    }
}
