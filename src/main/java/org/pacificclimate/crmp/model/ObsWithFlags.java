package org.pacificclimate.crmp.model;

import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * View: observations with their variable and the history's station (no flags, despite the name). Read-only.
 */
@Entity
@Table(name = "obs_with_flags")
public class ObsWithFlags {

    @Column(name = "vars_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer varsId;

    @Column(name = "network_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer networkId;

    @Column(name = "unit", columnDefinition = "character varying", insertable = false, updatable = false)
    private String unit;

    @Column(name = "standard_name", columnDefinition = "character varying", insertable = false, updatable = false)
    private String standardName;

    @Column(name = "cell_method", columnDefinition = "character varying", insertable = false, updatable = false)
    private String cellMethod;

    @Column(name = "net_var_name", columnDefinition = "public.citext", insertable = false, updatable = false)
    private String netVarName;

    @Column(name = "station_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer stationId;

    @Id
    @Column(name = "obs_raw_id", columnDefinition = "bigint", insertable = false, updatable = false)
    private Long obsRawId;

    @Column(name = "obs_time", columnDefinition = "timestamp without time zone", insertable = false, updatable = false)
    private LocalDateTime obsTime;

    @Column(name = "mod_time", columnDefinition = "timestamp without time zone", insertable = false, updatable = false)
    private LocalDateTime modTime;

    @Column(name = "datum", columnDefinition = "double precision", insertable = false, updatable = false)
    private Double datum;

    public ObsWithFlags() {
    }

    public Integer getVarsId() {
        return varsId;
    }

    public Integer getNetworkId() {
        return networkId;
    }

    public String getUnit() {
        return unit;
    }

    public String getStandardName() {
        return standardName;
    }

    public String getCellMethod() {
        return cellMethod;
    }

    public String getNetVarName() {
        return netVarName;
    }

    public Integer getStationId() {
        return stationId;
    }

    public Long getObsRawId() {
        return obsRawId;
    }

    public LocalDateTime getObsTime() {
        return obsTime;
    }

    public LocalDateTime getModTime() {
        return modTime;
    }

    public Double getDatum() {
        return datum;
    }
}
