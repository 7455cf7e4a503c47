package org.pacificclimate.crmp.model;

import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * View: the number of observations per day and history. Read-only.
 */
@Entity
@IdClass(ObsCountPerDayHistoryV.Key.class)
@Table(name = "obs_count_per_day_history_v")
public class ObsCountPerDayHistoryV {

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

    public ObsCountPerDayHistoryV() {
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
