package org.pacificclimate.crmp.model;

import jakarta.persistence.*;

/**
 * A PCIC flag on an observation (association of {@link ObsRaw} and {@link MetaPcicFlag}).
 */
@Entity
@IdClass(ObsRawPcicFlag.Key.class)
@Table(name = "obs_raw_pcic_flags",
        indexes = {
                @Index(name = "pcic_flag_index", columnList = "obs_raw_id")})
public class ObsRawPcicFlag {

    /** The primary key ({@code obs_raw_id, pcic_flag_id}): the ids of the associated rows. */
    public record Key(Long obsRaw, Integer pcicFlag) {
    }

    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "obs_raw_id", columnDefinition = "bigint", nullable = false,
                foreignKey = @ForeignKey(name = "obs_raw_pcic_flags_obs_raw_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (obs_raw_id) REFERENCES obs_raw(obs_raw_id)"))
    private ObsRaw obsRaw;

    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "pcic_flag_id", columnDefinition = "integer", nullable = false,
                foreignKey = @ForeignKey(name = "obs_raw_pcic_flags_pcic_flag_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (pcic_flag_id) REFERENCES meta_pcic_flag(pcic_flag_id)"))
    private MetaPcicFlag pcicFlag;

    public ObsRawPcicFlag() {
    }

    public ObsRaw getObsRaw() {
        return obsRaw;
    }

    public void setObsRaw(ObsRaw obsRaw) {
        this.obsRaw = obsRaw;
    }

    public MetaPcicFlag getPcicFlag() {
        return pcicFlag;
    }

    public void setPcicFlag(MetaPcicFlag pcicFlag) {
        this.pcicFlag = pcicFlag;
    }
}
