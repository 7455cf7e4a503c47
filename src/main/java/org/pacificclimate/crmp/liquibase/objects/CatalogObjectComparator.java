package org.pacificclimate.crmp.liquibase.objects;

import java.util.Objects;
import java.util.Set;

import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.diff.ObjectDifferences;
import liquibase.diff.compare.CompareControl;
import liquibase.diff.compare.DatabaseObjectComparator;
import liquibase.diff.compare.DatabaseObjectComparatorChain;
import liquibase.diff.compare.DatabaseObjectComparatorFactory;
import liquibase.structure.DatabaseObject;

/**
 * Compares the objects of this package: the same object when of the same type with the same identity (name; table and
 * name; a routine's signature) in schemas Liquibase's schema comparisons pair (so {@code other} against {@code crmp}
 * works); different when a compared attribute differs, definitions being compared as PostgreSQL rendered them with the
 * schema written {@code ${schemaName}}.
 * <p>
 * Liquibase caches each type's comparators for the JVM, so this one cannot follow the opt-in; it needs not: only
 * opted-in snapshots hold objects of these types.
 */
public class CatalogObjectComparator implements DatabaseObjectComparator {

    @Override
    public int getPriority(Class<? extends DatabaseObject> objectType, Database database) {
        return objectType != null && CatalogObject.class.isAssignableFrom(objectType)
                && database instanceof PostgresDatabase ? PRIORITY_DATABASE : PRIORITY_NONE;
    }

    @Override
    public String[] hash(DatabaseObject object, Database accordingTo, DatabaseObjectComparatorChain chain) {
        return new String[] {((CatalogObject) object).identity()};
    }

    @Override
    public boolean isSameObject(DatabaseObject a, DatabaseObject b, Database accordingTo,
                                DatabaseObjectComparatorChain chain) {
        if (a == null || b == null || a.getClass() != b.getClass()
                || !Objects.equals(((CatalogObject) a).identity(), ((CatalogObject) b).identity())) {
            return false;
        }
        return a.getSchema() == null || b.getSchema() == null || DatabaseObjectComparatorFactory.getInstance()
                .isSameObject(a.getSchema(), b.getSchema(), chain.getSchemaComparisons(), accordingTo);
    }

    @Override
    public ObjectDifferences findDifferences(DatabaseObject reference, DatabaseObject compared, Database accordingTo,
                                             CompareControl compareControl, DatabaseObjectComparatorChain chain,
                                             Set<String> exclude) {
        ObjectDifferences differences = new ObjectDifferences(compareControl);
        for (String attribute : ((CatalogObject) reference).comparedAttributes()) {
            if (exclude.contains(attribute) || compareControl.isSuppressedField(reference.getClass(), attribute)) {
                continue;
            }
            Object want = reference.getAttribute(attribute, Object.class);
            Object have = compared.getAttribute(attribute, Object.class);
            if (!Objects.equals(want, have)) {
                differences.addDifference(attribute, want, have);
            }
        }
        return differences;
    }
}
