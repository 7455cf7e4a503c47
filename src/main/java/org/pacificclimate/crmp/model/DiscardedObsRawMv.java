package org.pacificclimate.crmp.model;

import jakarta.persistence.*;

/**
 * Materialized view: the ids of observations carrying at least one flag that discards them. Read-only.
 */
@Entity
@Table(name = "discarded_obs_raw_mv")
public class DiscardedObsRawMv {

    @Id
    @Column(name = "obs_raw_id", columnDefinition = "bigint", insertable = false, updatable = false)
    private Long obsRawId;

    public DiscardedObsRawMv() {
    }

    public Long getObsRawId() {
        return obsRawId;
    }
}
