package org.pacificclimate.crmp.model;

import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * Materialized view: the number of observations per month and history. Read-only.
 */
@Entity
@IdClass(ObsCountPerMonthHistoryMv.Key.class)
@Table(name = "obs_count_per_month_history_mv")
public class ObsCountPerMonthHistoryMv {

    /** The row identity ({@code date_trunc, history_id}). */
    public record Key(LocalDateTime dateTrunc, Integer historyId) {
    }

    @Column(name = "count", columnDefinition = "bigint", insertable = false, updatable = false)
    private Long count;

    @Id
    @Column(name = "date_trunc", columnDefinition = "timestamp without time zone", insertable = false,
            updatable = false)
    private LocalDateTime dateTrunc;

    @Id
    @Column(name = "history_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer historyId;

    public ObsCountPerMonthHistoryMv() {
    }

    public Long getCount() {
        return count;
    }

    public LocalDateTime getDateTrunc() {
        return dateTrunc;
    }

    public Integer getHistoryId() {
        return historyId;
    }
}
