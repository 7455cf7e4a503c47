package org.pacificclimate.crmp.model;

import jakarta.persistence.*;

/**
 * A native flag on an observation (association of {@link ObsRaw} and {@link MetaNativeFlag}).
 */
@Entity
@IdClass(ObsRawNativeFlag.Key.class)
@Table(name = "obs_raw_native_flags",
        indexes = {
                @Index(name = "flag_index", columnList = "obs_raw_id")})
public class ObsRawNativeFlag {

    /** The primary key ({@code obs_raw_id, native_flag_id}): the ids of the associated rows. */
    public record Key(Long obsRaw, Integer nativeFlag) {
    }

    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "obs_raw_id", columnDefinition = "bigint", nullable = false,
                foreignKey = @ForeignKey(name = "obs_raw_native_flags_obs_raw_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (obs_raw_id) REFERENCES obs_raw(obs_raw_id)"))
    private ObsRaw obsRaw;

    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "native_flag_id", columnDefinition = "integer", nullable = false,
                foreignKey = @ForeignKey(name = "obs_raw_native_flags_native_flag_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (native_flag_id) REFERENCES meta_native_flag(native_flag_id)"))
    private MetaNativeFlag nativeFlag;

    public ObsRawNativeFlag() {
    }

    public ObsRaw getObsRaw() {
        return obsRaw;
    }

    public void setObsRaw(ObsRaw obsRaw) {
        this.obsRaw = obsRaw;
    }

    public MetaNativeFlag getNativeFlag() {
        return nativeFlag;
    }

    public void setNativeFlag(MetaNativeFlag nativeFlag) {
        this.nativeFlag = nativeFlag;
    }
}
