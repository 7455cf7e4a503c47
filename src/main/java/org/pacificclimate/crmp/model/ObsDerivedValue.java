package org.pacificclimate.crmp.model;

import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * A value derived from observations, per time, history and variable.
 */
@Entity
@Table(name = "obs_derived_values",
        uniqueConstraints = {
                @UniqueConstraint(name = "obs_derived_value_time_place_variable_unique", columnNames = {"value_time", "history_id", "vars_id"})})
public class ObsDerivedValue {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "obs_derived_values_obs_derived_value_id_seq")
    @SequenceGenerator(name = "obs_derived_values_obs_derived_value_id_seq",
            sequenceName = "obs_derived_values_obs_derived_value_id_seq", allocationSize = 1)
    @Column(name = "obs_derived_value_id",
            columnDefinition = "integer DEFAULT nextval('obs_derived_values_obs_derived_value_id_seq'::regclass)",
            nullable = false)
    private Integer obsDerivedValueId;

    @Column(name = "value_time", columnDefinition = "timestamp without time zone")
    private LocalDateTime valueTime;

    @Column(name = "mod_time", columnDefinition = "timestamp without time zone", nullable = false)
    private LocalDateTime modTime;

    @Column(name = "datum", columnDefinition = "double precision")
    private Double datum;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "vars_id", columnDefinition = "integer",
                foreignKey = @ForeignKey(name = "obs_derived_values_vars_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (vars_id) REFERENCES meta_vars(vars_id)"))
    private MetaVars variable;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "history_id", columnDefinition = "integer",
                foreignKey = @ForeignKey(name = "obs_derived_values_history_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (history_id) REFERENCES meta_history(history_id)"))
    private MetaHistory history;

    public ObsDerivedValue() {
    }

    public Integer getObsDerivedValueId() {
        return obsDerivedValueId;
    }

    public void setObsDerivedValueId(Integer obsDerivedValueId) {
        this.obsDerivedValueId = obsDerivedValueId;
    }

    public LocalDateTime getValueTime() {
        return valueTime;
    }

    public void setValueTime(LocalDateTime valueTime) {
        this.valueTime = valueTime;
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
}
