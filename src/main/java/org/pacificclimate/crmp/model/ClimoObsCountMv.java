package org.pacificclimate.crmp.model;

import jakarta.persistence.*;

/**
 * Materialized view: the number of climatological observations per history. Read-only.
 */
@Entity
@Table(name = "climo_obs_count_mv")
public class ClimoObsCountMv {

    @Column(name = "count", columnDefinition = "bigint", insertable = false, updatable = false)
    private Long count;

    @Id
    @Column(name = "history_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer historyId;

    public ClimoObsCountMv() {
    }

    public Long getCount() {
        return count;
    }

    public Integer getHistoryId() {
        return historyId;
    }
}
