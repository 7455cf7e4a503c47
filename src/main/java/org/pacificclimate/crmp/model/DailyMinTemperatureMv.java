package org.pacificclimate.crmp.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * Materialized view: daily minimum air temperature per history, variable and effective day (reads
 * {@link DiscardedObsRawMv}: refresh that first). Read-only.
 */
@Entity
@IdClass(DailyMinTemperatureMv.Key.class)
@Table(name = "daily_min_temperature_mv")
public class DailyMinTemperatureMv {

    /** The row identity ({@code history_id, vars_id, obs_day}). */
    public record Key(Integer historyId, Integer varsId, LocalDateTime obsDay) {
    }

    @Id
    @Column(name = "history_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer historyId;

    @Id
    @Column(name = "vars_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer varsId;

    @Id
    @Column(name = "obs_day", columnDefinition = "timestamp without time zone", insertable = false, updatable = false)
    private LocalDateTime obsDay;

    @Column(name = "statistic", columnDefinition = "double precision", insertable = false, updatable = false)
    private Double statistic;

    @Column(name = "data_coverage", columnDefinition = "numeric", insertable = false, updatable = false)
    private BigDecimal dataCoverage;

    public DailyMinTemperatureMv() {
    }

    public Integer getHistoryId() {
        return historyId;
    }

    public Integer getVarsId() {
        return varsId;
    }

    public LocalDateTime getObsDay() {
        return obsDay;
    }

    public Double getStatistic() {
        return statistic;
    }

    public BigDecimal getDataCoverage() {
        return dataCoverage;
    }
}
