package org.pacificclimate.crmp.liquibase.diff;

import java.util.Optional;

/**
 * Where the bodies of replaceable objects (functions, views, materialized views) live: one file per version under
 * {@code changelog/objects/<kind>/<name>/}. The reference's bodies are what the model declares; the live schema's
 * are the versions the applied revisions ran last.
 */
public interface Bodies {

    enum Kind {
        FUNCTION("functions"), VIEW("views"), MATVIEW("matviews"), TABLE("tables");

        private final String directory;

        Kind(String directory) {
            this.directory = directory;
        }

        public String directory() {
            return directory;
        }
    }

    /** The body file of the reference's version of an object, relative to the changelog directory. */
    Optional<String> reference(Kind kind, String name);

    /** The body file of the live schema's version of an object, relative to the changelog directory. */
    Optional<String> live(Kind kind, String name);
}
