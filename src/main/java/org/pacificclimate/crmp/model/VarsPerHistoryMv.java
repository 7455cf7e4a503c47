package org.pacificclimate.crmp.model;

import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * Materialized view: one row per (history, variable) pair of {@link ObsRaw}, with the first and last
 * observation time. Read-only.
 */
@Entity
@IdClass(VarsPerHistoryMv.Key.class)
@Table(name = "vars_per_history_mv")
public class VarsPerHistoryMv {

    /** The row identity ({@code history_id, vars_id}). */
    public record Key(Integer historyId, Integer varsId) {
    }

    @Id
    @Column(name = "history_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer historyId;

    @Id
    @Column(name = "vars_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer varsId;

    @Column(name = "start_time", columnDefinition = "timestamp without time zone", insertable = false,
            updatable = false)
    private LocalDateTime startTime;

    @Column(name = "end_time", columnDefinition = "timestamp without time zone", insertable = false, updatable = false)
    private LocalDateTime endTime;

    public VarsPerHistoryMv() {
    }

    public Integer getHistoryId() {
        return historyId;
    }

    public Integer getVarsId() {
        return varsId;
    }

    public LocalDateTime getStartTime() {
        return startTime;
    }

    public LocalDateTime getEndTime() {
        return endTime;
    }
}
