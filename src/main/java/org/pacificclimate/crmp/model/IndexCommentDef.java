package org.pacificclimate.crmp.model;

/**
 * A comment on an index. At head these are the changelogs' markers ({@code Created by revision <id>}, see
 * docs/changelog-conventions.md, "State between steps"): a revision that creates an index only if it is missing
 * marks it, so that its rollback drops only an index it created. They are part of what a schema migrated from
 * scratch holds ({@code docs/schema/head.sql} shows them), not of what it means: a database whose indexes existed
 * before those revisions has the same indexes without the comments. {@code CatalogDumper} does not read index
 * comments.
 *
 * @param table the table of the index
 * @param index the index
 * @param text  the comment
 */
public record IndexCommentDef(String table, String index, String text) {
}
