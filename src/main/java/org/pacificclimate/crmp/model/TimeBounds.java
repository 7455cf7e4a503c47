package org.pacificclimate.crmp.model;

import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * The time span an observation covers ({@code start}, {@code end}); one row per observation.
 */
@Entity
@IdClass(TimeBounds.Key.class)
@Table(name = "time_bounds")
public class TimeBounds {

    /** The primary key ({@code obs_raw_id}): the ids of the associated rows. */
    public record Key(Long obsRaw) {
    }

    @Id
    @OneToOne(optional = false)
    @JoinColumn(name = "obs_raw_id", columnDefinition = "integer", nullable = false,
                foreignKey = @ForeignKey(name = "time_bounds_obs_raw_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (obs_raw_id) REFERENCES obs_raw(obs_raw_id)"))
    private ObsRaw obsRaw;

    @Column(name = "start", columnDefinition = "timestamp without time zone")
    private LocalDateTime start;

    @Column(name = "\"end\"", columnDefinition = "timestamp without time zone")
    private LocalDateTime end;

    public TimeBounds() {
    }

    public ObsRaw getObsRaw() {
        return obsRaw;
    }

    public void setObsRaw(ObsRaw obsRaw) {
        this.obsRaw = obsRaw;
    }

    public LocalDateTime getStart() {
        return start;
    }

    public void setStart(LocalDateTime start) {
        this.start = start;
    }

    public LocalDateTime getEnd() {
        return end;
    }

    public void setEnd(LocalDateTime end) {
        this.end = end;
    }
}
