package org.pacificclimate.crmp.model;

import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * A station of a network, by its native id; {@code publish} says whether it is published.
 */
@Entity
@Table(name = "meta_station",
        indexes = {
                @Index(name = "fki_meta_station_network_id_fkey", columnList = "network_id")})
public class MetaStation {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "meta_station_station_id_seq")
    @SequenceGenerator(name = "meta_station_station_id_seq", sequenceName = "meta_station_station_id_seq",
            allocationSize = 1)
    @Column(name = "station_id", columnDefinition = "integer DEFAULT nextval('meta_station_station_id_seq'::regclass)",
            nullable = false)
    private Integer stationId;

    @Column(name = "native_id", columnDefinition = "character varying")
    private String nativeId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "network_id", columnDefinition = "integer",
                foreignKey = @ForeignKey(name = "meta_station_network_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (network_id) REFERENCES meta_network(network_id)"))
    private MetaNetwork network;

    @Column(name = "min_obs_time", columnDefinition = "timestamp without time zone")
    private LocalDateTime minObsTime;

    @Column(name = "max_obs_time", columnDefinition = "timestamp without time zone")
    private LocalDateTime maxObsTime;

    @Column(name = "publish", columnDefinition = "boolean DEFAULT true", nullable = false)
    private Boolean publish;

    // stamped by trigger t100_primary_control_hx_cols on every insert and update: never written
    @Column(name = "mod_time", columnDefinition = "timestamp without time zone DEFAULT now()", nullable = false,
            insertable = false, updatable = false)
    private LocalDateTime modTime;

    // stamped by trigger t100_primary_control_hx_cols on every insert and update: never written
    @Column(name = "mod_user", columnDefinition = "character varying(64) DEFAULT CURRENT_USER", nullable = false,
            insertable = false, updatable = false)
    private String modUser;

    public MetaStation() {
    }

    public Integer getStationId() {
        return stationId;
    }

    public void setStationId(Integer stationId) {
        this.stationId = stationId;
    }

    public String getNativeId() {
        return nativeId;
    }

    public void setNativeId(String nativeId) {
        this.nativeId = nativeId;
    }

    public MetaNetwork getNetwork() {
        return network;
    }

    public void setNetwork(MetaNetwork network) {
        this.network = network;
    }

    public LocalDateTime getMinObsTime() {
        return minObsTime;
    }

    public void setMinObsTime(LocalDateTime minObsTime) {
        this.minObsTime = minObsTime;
    }

    public LocalDateTime getMaxObsTime() {
        return maxObsTime;
    }

    public void setMaxObsTime(LocalDateTime maxObsTime) {
        this.maxObsTime = maxObsTime;
    }

    public Boolean getPublish() {
        return publish;
    }

    public void setPublish(Boolean publish) {
        this.publish = publish;
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
