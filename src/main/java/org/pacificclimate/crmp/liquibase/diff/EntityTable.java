package org.pacificclimate.crmp.liquibase.diff;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CheckConstraint;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.UniqueConstraint;

/**
 * A table as its entity class declares it, read from the JPA annotations by reflection (no JPA provider): the
 * columns in physical order (the fields' declaration order), the primary key columns, and the named foreign keys,
 * unique constraints, check constraints and indexes. SQL texts are the entity's, unchanged (unqualified names are
 * the schema's own objects).
 *
 * <p>The model's rules, enforced here: every persistent field maps its column explicitly ({@code @Column}, or
 * {@code @JoinColumn} for an association) with a {@code columnDefinition}; every join column carries a named foreign
 * key with its {@code foreignKeyDefinition}; no column is mapped twice.
 */
public record EntityTable(String name, List<TableColumn> columns, List<String> primaryKey,
                          List<ForeignKeySpec> foreignKeys, List<UniqueSpec> uniqueConstraints,
                          List<CheckSpec> checkConstraints, List<IndexSpec> indexes) {

    /** A column: its name (unquoted), its definition (type, then DEFAULT or identity), and NOT NULL. */
    public record TableColumn(String name, String definition, boolean notNull) {
    }

    /** A foreign key on one column: {@code definition} is the entity's {@code foreignKeyDefinition}. */
    public record ForeignKeySpec(String name, String column, String definition) {
    }

    public record UniqueSpec(String name, List<String> columns) {
    }

    /** A check constraint: {@code expression} is what goes between {@code CHECK (} and {@code )}. */
    public record CheckSpec(String name, String expression) {
    }

    /** An {@code @Index}: its {@code columnList} entries ({@code column [ASC|DESC]}). */
    public record IndexSpec(String name, boolean unique, List<String> columns) {
    }

    public static EntityTable of(Class<?> entity) {
        Table table = entity.getAnnotation(Table.class);
        if (table == null || table.name().isEmpty()) {
            throw new IllegalArgumentException(entity.getName() + ": no @Table(name = ...)");
        }
        if (!table.schema().isEmpty()) {
            throw new IllegalArgumentException(entity.getName() + ": the model never names a schema (@Table(schema))");
        }
        List<TableColumn> columns = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        List<ForeignKeySpec> foreignKeys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Field field : entity.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                    || field.isAnnotationPresent(Transient.class)) {
                continue;
            }
            Column column = field.getAnnotation(Column.class);
            JoinColumn join = field.getAnnotation(JoinColumn.class);
            String columnName;
            if (column != null) {
                columnName = unquote(column.name());
                columns.add(new TableColumn(columnName, definition(entity, field, column.columnDefinition()),
                        !column.nullable()));
            } else if (join != null) {
                columnName = unquote(join.name());
                columns.add(new TableColumn(columnName, definition(entity, field, join.columnDefinition()),
                        !join.nullable()));
                jakarta.persistence.ForeignKey fk = join.foreignKey();
                if (fk.name().isEmpty() || fk.foreignKeyDefinition().isEmpty()) {
                    throw new IllegalArgumentException(where(entity, field)
                            + ": a join column needs @ForeignKey(name, foreignKeyDefinition)");
                }
                foreignKeys.add(new ForeignKeySpec(fk.name(), columnName, fk.foreignKeyDefinition()));
            } else if (field.isAnnotationPresent(OneToMany.class) || field.isAnnotationPresent(ManyToMany.class)) {
                continue; // the other side of an association: no column here
            } else {
                throw new IllegalArgumentException(where(entity, field)
                        + ": every persistent field maps its column explicitly (@Column or @JoinColumn)");
            }
            if (columnName.isEmpty() || !seen.add(columnName)) {
                throw new IllegalArgumentException(where(entity, field) + ": column '" + columnName
                        + "' is unnamed or mapped twice");
            }
            if (field.isAnnotationPresent(Id.class)) {
                primaryKey.add(columnName);
            }
        }
        List<UniqueSpec> uniques = new ArrayList<>();
        for (UniqueConstraint unique : table.uniqueConstraints()) {
            uniques.add(new UniqueSpec(requireName(entity, unique.name(), "@UniqueConstraint"),
                    Arrays.stream(unique.columnNames()).map(EntityTable::unquote).toList()));
        }
        List<CheckSpec> checks = new ArrayList<>();
        for (CheckConstraint check : table.check()) {
            checks.add(new CheckSpec(requireName(entity, check.name(), "@CheckConstraint"), check.constraint()));
        }
        List<IndexSpec> indexes = new ArrayList<>();
        for (Index index : table.indexes()) {
            List<String> keys = Arrays.stream(index.columnList().split(",")).map(String::trim).toList();
            indexes.add(new IndexSpec(requireName(entity, index.name(), "@Index"), index.unique(), keys));
        }
        return new EntityTable(table.name(), List.copyOf(columns), List.copyOf(primaryKey), List.copyOf(foreignKeys),
                List.copyOf(uniques), List.copyOf(checks), List.copyOf(indexes));
    }

    /** A JPA name without its delimiters: {@code "\"end\""} is column {@code end}. */
    static String unquote(String name) {
        return name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1) : name;
    }

    private static String definition(Class<?> entity, Field field, String definition) {
        if (definition.isBlank()) {
            throw new IllegalArgumentException(where(entity, field)
                    + ": the model gives every column's type as PostgreSQL shows it (columnDefinition)");
        }
        return definition;
    }

    private static String requireName(Class<?> entity, String name, String what) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException(entity.getName() + ": every " + what + " is named");
        }
        return name;
    }

    private static String where(Class<?> entity, Field field) {
        return entity.getSimpleName() + "." + field.getName();
    }
}
