package org.pacificclimate.crmp.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * One revision of the chain: its position (1 = base), its Alembic id (also its Liquibase tag), the slug and the
 * message of its changelog file {@code revisions/NNN-<id>-<slug>.yaml}. Revisions come from a {@link RevisionChain},
 * which reads them from the master changelog.
 */
public final class Revision {

    private final RevisionChain chain;
    private final int number;
    private final String id;
    private final String slug;
    private final String message;

    Revision(RevisionChain chain, int number, String id, String slug, String message) {
        this.chain = chain;
        this.number = number;
        this.id = id;
        this.slug = slug;
        this.message = message;
    }

    /** The revision {@code id} of the project's own chain (the changelogs on the classpath). */
    public static Revision byId(String id) {
        return RevisionChain.standard().byId(id);
    }

    public int number() {
        return number;
    }

    public String id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    /** The revision's message (Alembic's), the comment of its changeset. */
    public String message() {
        return message;
    }

    /** The changelog file of this revision, relative to the master changelog's directory. */
    public String file() {
        return String.format("revisions/%03d-%s-%s.yaml", number, id, slug);
    }

    /** The revision before this one, if any (Alembic's down_revision). */
    public Optional<Revision> previous() {
        return number == 1 ? Optional.empty() : Optional.of(chain.number(number - 1));
    }

    /** The revision after this one, if any. */
    public Optional<Revision> next() {
        return number == chain.size() ? Optional.empty() : Optional.of(chain.number(number + 1));
    }

    public boolean isHead() {
        return number == chain.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Revision that && number == that.number && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, id);
    }

    @Override
    public String toString() {
        return String.format("%02d %s", number, id);
    }
}
