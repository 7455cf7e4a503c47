#!/usr/bin/python3
"""What the benchmark needs to know about the changelog, read from the YAML files themselves.

usage: changelog.py revisions                 revision ids included by the master changelog, in chain order
       changelog.py parent REV                the revision before REV (empty for the first)
       changelog.py sql REV SCHEMA SUROLE     the SQL of REV's upgrade changeset: its sqlFile changes in order,
                                              ${schemaName}/${suRoleName} substituted, one psql script
"""
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CHANGELOG = os.path.normpath(os.path.join(HERE, "..", "..", "changelog"))
MASTER = os.path.join(CHANGELOG, "db.changelog-master.yaml")


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)["databaseChangeLog"]


def revision_files():
    """(revision id, revision yaml path, main changeSet) for every include of the master, in order."""
    out = []
    for entry in load(MASTER):
        if "include" not in entry:
            continue
        inc = entry["include"]
        path = inc["file"]
        if inc.get("relativeToChangelogFile"):
            path = os.path.join(os.path.dirname(MASTER), path)
        path = os.path.normpath(path)
        main = [e["changeSet"] for e in load(path) if "changeSet" in e and not e["changeSet"]["id"].endswith("-tag")]
        if len(main) != 1:
            sys.exit(f"changelog.py: {path} has {len(main)} main changesets, expected 1")
        out.append((main[0]["id"], path, main[0]))
    return out


def sql(rev, schema, su_role):
    for rid, path, changeset in revision_files():
        if rid != rev:
            continue
        parts = []
        for change in changeset["changes"]:
            (kind, spec), = change.items()
            if kind != "sqlFile":
                sys.exit(f"changelog.py: {rev} has a {kind} change; only sqlFile changes can be replayed by psql")
            file = spec["path"]
            if spec.get("relativeToChangelogFile"):
                file = os.path.join(os.path.dirname(path), file)
            file = os.path.normpath(file)
            with open(file, encoding="utf-8") as f:
                text = f.read()
            text = text.replace("${schemaName}", schema).replace("${suRoleName}", su_role)
            if "${" in text:
                sys.exit(f"changelog.py: {file} uses a property other than schemaName/suRoleName")
            parts.append(f"-- sqlFile {os.path.relpath(file, CHANGELOG)}\n{text.rstrip()}\n")
        return "\n".join(parts)
    sys.exit(f"changelog.py: revision {rev} is not in the master changelog")


def main(argv):
    if len(argv) >= 1 and argv[0] == "revisions":
        print("\n".join(r for r, _, _ in revision_files()))
    elif len(argv) == 2 and argv[0] == "parent":
        revs = [r for r, _, _ in revision_files()]
        if argv[1] not in revs:
            sys.exit(f"changelog.py: revision {argv[1]} is not in the master changelog")
        i = revs.index(argv[1])
        print(revs[i - 1] if i > 0 else "")
    elif len(argv) == 4 and argv[0] == "sql":
        sys.stdout.write(sql(argv[1], argv[2], argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
