package org.pacificclimate.crmp.model;

import jakarta.persistence.*;

/**
 * Materialized view: per history, its variables collapsed into arrays and lists (reads
 * {@link VarsPerHistoryMv}: refresh that first). Read-only.
 */
@Entity
@Table(name = "collapsed_vars_mv")
public class CollapsedVarsMv {

    @Id
    @Column(name = "history_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer historyId;

    @Column(name = "vars_ids", columnDefinition = "integer[]", insertable = false, updatable = false)
    private Integer[] varsIds;

    @Column(name = "unique_variable_tags", columnDefinition = "text[]", insertable = false, updatable = false)
    private String[] uniqueVariableTags;

    @Column(name = "display_names", columnDefinition = "text", insertable = false, updatable = false)
    private String displayNames;

    @Column(name = "vars", columnDefinition = "text", insertable = false, updatable = false)
    private String vars;

    public CollapsedVarsMv() {
    }

    public Integer getHistoryId() {
        return historyId;
    }

    public Integer[] getVarsIds() {
        return varsIds;
    }

    public String[] getUniqueVariableTags() {
        return uniqueVariableTags;
    }

    public String getDisplayNames() {
        return displayNames;
    }

    public String getVars() {
        return vars;
    }
}
