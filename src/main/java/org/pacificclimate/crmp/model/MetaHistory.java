package org.pacificclimate.crmp.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * One period of a station's history: its name, position ({@code the_geom}), elevation, observation
 * frequency and sensor over that period.
 */
@Entity
@Table(name = "meta_history",
        indexes = {
                @Index(name = "fki_meta_history_station_id_fk", columnList = "station_id"),
                @Index(name = "idx_meta_history_the_geom", columnList = "the_geom"),
                @Index(name = "meta_history_freq_idx", columnList = "freq")})
public class MetaHistory {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "meta_history_history_id_seq")
    @SequenceGenerator(name = "meta_history_history_id_seq", sequenceName = "meta_history_history_id_seq",
            allocationSize = 1)
    @Column(name = "history_id", columnDefinition = "integer DEFAULT nextval('meta_history_history_id_seq'::regclass)",
            nullable = false)
    private Integer historyId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "station_id", columnDefinition = "integer",
                foreignKey = @ForeignKey(name = "meta_history_station_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (station_id) REFERENCES meta_station(station_id)"))
    private MetaStation station;

    @Column(name = "station_name", columnDefinition = "character varying")
    private String stationName;

    @Column(name = "lon", columnDefinition = "numeric")
    private BigDecimal lon;

    @Column(name = "lat", columnDefinition = "numeric")
    private BigDecimal lat;

    @Column(name = "elev", columnDefinition = "double precision")
    private Double elev;

    @Column(name = "sdate", columnDefinition = "date")
    private LocalDate sdate;

    @Column(name = "edate", columnDefinition = "date")
    private LocalDate edate;

    /** An interval (JPA maps no type to it: tell the provider, see docs/autogenerate.md). */
    @Column(name = "tz_offset", columnDefinition = "interval")
    private Duration tzOffset;

    @Column(name = "province", columnDefinition = "character varying")
    private String province;

    @Column(name = "country", columnDefinition = "character varying")
    private String country;

    @Column(name = "comments", columnDefinition = "character varying(255)")
    private String comments;

    @Column(name = "freq", columnDefinition = "character varying")
    private String freq;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "sensor_id", columnDefinition = "integer",
                foreignKey = @ForeignKey(name = "meta_history_sensor_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (sensor_id) REFERENCES meta_sensor(sensor_id)"))
    private MetaSensor sensor;

    /** PostGIS geometry, SRID 4326, read in PostGIS's text form: hex-encoded EWKB. */
    @Column(name = "the_geom", columnDefinition = "public.geometry(Geometry,4326)")
    private String theGeom;

    // stamped by trigger t100_primary_control_hx_cols on every insert and update: never written
    @Column(name = "mod_time", columnDefinition = "timestamp without time zone DEFAULT now()", nullable = false,
            insertable = false, updatable = false)
    private LocalDateTime modTime;

    // stamped by trigger t100_primary_control_hx_cols on every insert and update: never written
    @Column(name = "mod_user", columnDefinition = "character varying(64) DEFAULT CURRENT_USER", nullable = false,
            insertable = false, updatable = false)
    private String modUser;

    public MetaHistory() {
    }

    public Integer getHistoryId() {
        return historyId;
    }

    public void setHistoryId(Integer historyId) {
        this.historyId = historyId;
    }

    public MetaStation getStation() {
        return station;
    }

    public void setStation(MetaStation station) {
        this.station = station;
    }

    public String getStationName() {
        return stationName;
    }

    public void setStationName(String stationName) {
        this.stationName = stationName;
    }

    public BigDecimal getLon() {
        return lon;
    }

    public void setLon(BigDecimal lon) {
        this.lon = lon;
    }

    public BigDecimal getLat() {
        return lat;
    }

    public void setLat(BigDecimal lat) {
        this.lat = lat;
    }

    public Double getElev() {
        return elev;
    }

    public void setElev(Double elev) {
        this.elev = elev;
    }

    public LocalDate getSdate() {
        return sdate;
    }

    public void setSdate(LocalDate sdate) {
        this.sdate = sdate;
    }

    public LocalDate getEdate() {
        return edate;
    }

    public void setEdate(LocalDate edate) {
        this.edate = edate;
    }

    public Duration getTzOffset() {
        return tzOffset;
    }

    public void setTzOffset(Duration tzOffset) {
        this.tzOffset = tzOffset;
    }

    public String getProvince() {
        return province;
    }

    public void setProvince(String province) {
        this.province = province;
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }

    public String getComments() {
        return comments;
    }

    public void setComments(String comments) {
        this.comments = comments;
    }

    public String getFreq() {
        return freq;
    }

    public void setFreq(String freq) {
        this.freq = freq;
    }

    public MetaSensor getSensor() {
        return sensor;
    }

    public void setSensor(MetaSensor sensor) {
        this.sensor = sensor;
    }

    public String getTheGeom() {
        return theGeom;
    }

    public void setTheGeom(String theGeom) {
        this.theGeom = theGeom;
    }

    public LocalDateTime getModTime() {
        return modTime;
    }

    public void setModTime(LocalDateTime modTime) {
        this.modTime = modTime;
    }

    public String getModUser() {
        return modUser;
    }

    public void setModUser(String modUser) {
        this.modUser = modUser;
    }
}
