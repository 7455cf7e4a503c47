package org.pacificclimate.crmp.model;

import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * One observation: a value ({@code datum}) of a variable at a time, in a station history.
 */
@Entity
@Table(name = "obs_raw",
        uniqueConstraints = {
                @UniqueConstraint(name = "time_place_variable_unique", columnNames = {"obs_time", "history_id", "vars_id"})},
        indexes = {
                @Index(name = "mod_time_idx", columnList = "mod_time"),
                @Index(name = "obs_raw_comp_idx", columnList = "obs_time, vars_id, history_id"),
                @Index(name = "obs_raw_history_id_idx", columnList = "history_id"),
                @Index(name = "obs_raw_history_obs_time_idx", columnList = "history_id, obs_time"),
                @Index(name = "obs_raw_id_idx", columnList = "obs_raw_id")})
public class ObsRaw {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "obs_raw_obs_raw_id_seq")
    @SequenceGenerator(name = "obs_raw_obs_raw_id_seq", sequenceName = "obs_raw_obs_raw_id_seq", allocationSize = 1)
    @Column(name = "obs_raw_id", columnDefinition = "bigint DEFAULT nextval('obs_raw_obs_raw_id_seq'::regclass)",
            nullable = false)
    private Long obsRawId;

    @Column(name = "obs_time", columnDefinition = "timestamp without time zone")
    private LocalDateTime obsTime;

    // stamped by trigger t100_primary_control_hx_cols on every insert and update: never written
    @Column(name = "mod_time", columnDefinition = "timestamp without time zone", nullable = false, insertable = false,
            updatable = false)
    private LocalDateTime modTime;

    @Column(name = "datum", columnDefinition = "double precision")
    private Double datum;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "vars_id", columnDefinition = "integer",
                foreignKey = @ForeignKey(name = "obs_raw_vars_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (vars_id) REFERENCES meta_vars(vars_id)"))
    private MetaVars variable;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "history_id", columnDefinition = "integer",
                foreignKey = @ForeignKey(name = "obs_raw_history_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (history_id) REFERENCES meta_history(history_id)"))
    private MetaHistory history;

    // stamped by trigger t100_primary_control_hx_cols on every insert and update: never written
    @Column(name = "mod_user", columnDefinition = "character varying(64) DEFAULT CURRENT_USER", nullable = false,
            insertable = false, updatable = false)
    private String modUser;

    public ObsRaw() {
    }

    public Long getObsRawId() {
        return obsRawId;
    }

    public void setObsRawId(Long obsRawId) {
        this.obsRawId = obsRawId;
    }

    public LocalDateTime getObsTime() {
        return obsTime;
    }

    public void setObsTime(LocalDateTime obsTime) {
        this.obsTime = obsTime;
    }

    public LocalDateTime getModTime() {
        return modTime;
    }

    public void setModTime(LocalDateTime modTime) {
        this.modTime = modTime;
    }

    public Double getDatum() {
        return datum;
    }

    public void setDatum(Double datum) {
        this.datum = datum;
    }

    public MetaVars getVariable() {
        return variable;
    }

    public void setVariable(MetaVars variable) {
        this.variable = variable;
    }

    public MetaHistory getHistory() {
        return history;
    }

    public void setHistory(MetaHistory history) {
        this.history = history;
    }

    public String getModUser() {
        return modUser;
    }

    public void setModUser(String modUser) {
        this.modUser = modUser;
    }
}
