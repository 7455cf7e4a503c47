package org.pacificclimate.crmp.model;

import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * Materialized view: per history, its first and last observation time and number of distinct times. Read-only.
 */
@Entity
@Table(name = "station_obs_stats_mv")
public class StationObsStatsMv {

    @Column(name = "station_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer stationId;

    @Id
    @Column(name = "history_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer historyId;

    @Column(name = "max_obs_time", columnDefinition = "timestamp without time zone", insertable = false,
            updatable = false)
    private LocalDateTime maxObsTime;

    @Column(name = "min_obs_time", columnDefinition = "timestamp without time zone", insertable = false,
            updatable = false)
    private LocalDateTime minObsTime;

    @Column(name = "obs_count", columnDefinition = "bigint", insertable = false, updatable = false)
    private Long obsCount;

    public StationObsStatsMv() {
    }

    public Integer getStationId() {
        return stationId;
    }

    public Integer getHistoryId() {
        return historyId;
    }

    public LocalDateTime getMaxObsTime() {
        return maxObsTime;
    }

    public LocalDateTime getMinObsTime() {
        return minObsTime;
    }

    public Long getObsCount() {
        return obsCount;
    }
}
