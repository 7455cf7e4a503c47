package org.pacificclimate.crmp.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;

import jakarta.persistence.*;

/**
 * View: every history with its station and network; {@code the_geom} as EWKB. Read-only.
 */
@Entity
@Table(name = "history_join_station_network")
public class HistoryJoinStationNetwork {

    @Column(name = "network_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer networkId;

    @Column(name = "station_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer stationId;

    @Id
    @Column(name = "history_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer historyId;

    @Column(name = "station_name", columnDefinition = "character varying", insertable = false, updatable = false)
    private String stationName;

    @Column(name = "lon", columnDefinition = "numeric", insertable = false, updatable = false)
    private BigDecimal lon;

    @Column(name = "lat", columnDefinition = "numeric", insertable = false, updatable = false)
    private BigDecimal lat;

    @Column(name = "elev", columnDefinition = "double precision", insertable = false, updatable = false)
    private Double elev;

    @Column(name = "sdate", columnDefinition = "date", insertable = false, updatable = false)
    private LocalDate sdate;

    @Column(name = "edate", columnDefinition = "date", insertable = false, updatable = false)
    private LocalDate edate;

    /** An interval (JPA maps no type to it: tell the provider, see docs/autogenerate.md). */
    @Column(name = "tz_offset", columnDefinition = "interval", insertable = false, updatable = false)
    private Duration tzOffset;

    @Column(name = "province", columnDefinition = "character varying", insertable = false, updatable = false)
    private String province;

    @Column(name = "country", columnDefinition = "character varying", insertable = false, updatable = false)
    private String country;

    @Column(name = "comments", columnDefinition = "character varying(255)", insertable = false, updatable = false)
    private String comments;

    /** The history's geometry as EWKB bytes ({@code public.st_asewkb}). */
    @Column(name = "the_geom", columnDefinition = "bytea", insertable = false, updatable = false)
    private byte[] theGeom;

    @Column(name = "sensor_id", columnDefinition = "integer", insertable = false, updatable = false)
    private Integer sensorId;

    @Column(name = "native_id", columnDefinition = "character varying", insertable = false, updatable = false)
    private String nativeId;

    @Column(name = "network_name", columnDefinition = "character varying", insertable = false, updatable = false)
    private String networkName;

    @Column(name = "description", columnDefinition = "character varying", insertable = false, updatable = false)
    private String description;

    @Column(name = "virtual", columnDefinition = "character varying(255)", insertable = false, updatable = false)
    private String virtual;

    public HistoryJoinStationNetwork() {
    }

    public Integer getNetworkId() {
        return networkId;
    }

    public Integer getStationId() {
        return stationId;
    }

    public Integer getHistoryId() {
        return historyId;
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

    public LocalDate getSdate() {
        return sdate;
    }

    public LocalDate getEdate() {
        return edate;
    }

    public Duration getTzOffset() {
        return tzOffset;
    }

    public String getProvince() {
        return province;
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

    public String getNativeId() {
        return nativeId;
    }

    public String getNetworkName() {
        return networkName;
    }

    public String getDescription() {
        return description;
    }

    public String getVirtual() {
        return virtual;
    }
}
