package org.pacificclimate.crmp.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * View: one row per history whose station belongs to a network, with the network, the collapsed
 * variables and the observation statistics; {@code the_geom} as EWKB. Read-only.
 */
@Entity
@Table(name = "crmp_network_geoserver")
public class CrmpNetworkGeoserver {

    @Column(name = "network_name", columnDefinition = "character varying", insertable = false, updatable = false)
    private String networkName;

    @Column(name = "native_id", columnDefinition = "character varying", insertable = false, updatable = false)
    private String nativeId;

    @Column(name = "station_name", columnDefinition = "character varying", insertable = false, updatable = false)
    private String stationName;

    @Column(name = "lon", columnDefinition = "numeric", insertable = false, updatable = false)
    private BigDecimal lon;

    @Column(name = "lat", columnDefinition = "numeric", insertable = false, updatable = false)
    private BigDecimal lat;

    @Column(name = "elev", columnDefinition = "double precision", insertable = false, updatable = false)
    private Double elev;

    @Column(name = "min_obs_time", columnDefinition = "timestamp without time zone", insertable = false,
            updatable = false)
    private LocalDateTime minObsTime;

    @Column(name = "max_obs_time", columnDefinition = "timestamp without time zone", insertable = false,
            updatable = false)
    private LocalDateTime maxObsTime;

    @Column(name = "freq", columnDefinition = "character varying", insertable = false, updatable = false)
    private String freq;

    /** An interval (JPA maps no type to it: tell the provider, see docs/autogenerate.md). */
    @Column(name = "tz_offset", columnDefinition = "interval", insertable = false, updatable = false)
    private Duration tzOffset;

    @Column(name = "province", columnDefinition = "character varying", insertable = false, updatable = false)
    private String province;

    @Column(name = "station_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer stationId;

    @Id
    @Column(name = "history_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer historyId;

    @Column(name = "country", columnDefinition = "character varying", insertable = false, updatable = false)
    private String country;

    @Column(name = "comments", columnDefinition = "character varying(255)", insertable = false, updatable = false)
    private String comments;

    /** The history's geometry as EWKB bytes ({@code public.st_asewkb}). */
    @Column(name = "the_geom", columnDefinition = "bytea", insertable = false, updatable = false)
    private byte[] theGeom;

    @Column(name = "sensor_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer sensorId;

    @Column(name = "description", columnDefinition = "character varying", insertable = false, updatable = false)
    private String description;

    @Column(name = "network_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer networkId;

    @Column(name = "col_hex", columnDefinition = "character varying", insertable = false, updatable = false)
    private String colHex;

    @Column(name = "vars_ids", columnDefinition = "integer[]", insertable = false, updatable = false)
    private Integer[] varsIds;

    @Column(name = "unique_variable_tags", columnDefinition = "text[]", insertable = false, updatable = false)
    private String[] uniqueVariableTags;

    @Column(name = "vars", columnDefinition = "text", insertable = false, updatable = false)
    private String vars;

    @Column(name = "display_names", columnDefinition = "text", insertable = false, updatable = false)
    private String displayNames;

    public CrmpNetworkGeoserver() {
    }

    public String getNetworkName() {
        return networkName;
    }

    public String getNativeId() {
        return nativeId;
    }

    public String getStationName() {
        return stationName;
    }

    public BigDecimal getLon() {
        return lon;
    }

    public BigDecimal getLat() {
        return lat;
    }

    public Double getElev() {
        return elev;
    }

    public LocalDateTime getMinObsTime() {
        return minObsTime;
    }

    public LocalDateTime getMaxObsTime() {
        return maxObsTime;
    }

    public String getFreq() {
        return freq;
    }

    public Duration getTzOffset() {
        return tzOffset;
    }

    public String getProvince() {
        return province;
    }

    public Integer getStationId() {
        return stationId;
    }

    public Integer getHistoryId() {
        return historyId;
    }

    public String getCountry() {
        return country;
    }

    public String getComments() {
        return comments;
    }

    public byte[] getTheGeom() {
        return theGeom;
    }

    public Integer getSensorId() {
        return sensorId;
    }

    public String getDescription() {
        return description;
    }

    public Integer getNetworkId() {
        return networkId;
    }

    public String getColHex() {
        return colHex;
    }

    public Integer[] getVarsIds() {
        return varsIds;
    }

    public String[] getUniqueVariableTags() {
        return uniqueVariableTags;
    }

    public String getVars() {
        return vars;
    }

    public String getDisplayNames() {
        return displayNames;
    }
}
