package org.pacificclimate.crmp.model;

import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * Materialized view: monthly total precipitation per history and variable (reads
 * {@link DiscardedObsRawMv}: refresh that first). Read-only.
 */
@Entity
@IdClass(MonthlyTotalPrecipitationMv.Key.class)
@Table(name = "monthly_total_precipitation_mv")
public class MonthlyTotalPrecipitationMv {

    /** The row identity ({@code history_id, vars_id, obs_month}). */
    public record Key(Integer historyId, Integer varsId, LocalDateTime obsMonth) {
    }

    @Id
    @Column(name = "history_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer historyId;

    @Id
    @Column(name = "vars_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer varsId;

    @Id
    @Column(name = "obs_month", columnDefinition = "timestamp without time zone", insertable = false, updatable = false)
    private LocalDateTime obsMonth;

    @Column(name = "statistic", columnDefinition = "double precision", insertable = false, updatable = false)
    private Double statistic;

    @Column(name = "data_coverage", columnDefinition = "double precision", insertable = false, updatable = false)
    private Double dataCoverage;

    public MonthlyTotalPrecipitationMv() {
    }

    public Integer getHistoryId() {
        return historyId;
    }

    public Integer getVarsId() {
        return varsId;
    }

    public LocalDateTime getObsMonth() {
        return obsMonth;
    }

    public Double getStatistic() {
        return statistic;
    }

    public Double getDataCoverage() {
        return dataCoverage;
    }
}
