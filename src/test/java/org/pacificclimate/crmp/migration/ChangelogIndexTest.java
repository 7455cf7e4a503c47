package org.pacificclimate.crmp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.liquibase.RevisionNeeds;

/** The build-time index says what the packaged changelogs say. */
@Tag("fast")
class ChangelogIndexTest {

    private final ChangelogIndex index = ChangelogIndex.packaged().orElseThrow();

    @Test
    void theIndexedChainIsTheChainOfTheYamlFiles() {
        assertEquals(RevisionChain.standardFromYaml().revisions().stream().map(r -> r.number() + " " + r.id() + " "
                        + r.slug() + " " + r.message()).toList(),
                index.chain().revisions().stream().map(r -> r.number() + " " + r.id() + " " + r.slug() + " "
                        + r.message()).toList());
    }

    @Test
    void everyRevisionsNeedsUpAndDownAreThoseItsSqlFilesHave() {
        for (Revision revision : RevisionChain.standard().revisions()) {
            for (boolean rollback : new boolean[] {false, true}) {
                RevisionNeeds read = RevisionNeeds.of(revision, rollback, RevisionChain::classpathFile);
                assertEquals(read, index.needs(revision, rollback).orElseThrow(), revision.id()
                        + (rollback ? " down" : " up"));
            }
        }
    }

    @Test
    void theIndexKnowsThatThePlpythonFunctionsOfRevision2RunElevated() {
        RevisionNeeds needs = index.needs(RevisionChain.standard().byId("4a2f1879293a"), false).orElseThrow();
        assertTrue(needs.elevated(), needs.toString());
        assertTrue(needs.needs().contains(new RevisionNeeds.Need("language", "plpython3u",
                RevisionNeeds.Role.ELEVATED)), needs.toString());
    }
}
