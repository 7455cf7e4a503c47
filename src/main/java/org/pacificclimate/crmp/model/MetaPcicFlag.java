package org.pacificclimate.crmp.model;

import jakarta.persistence.*;

/**
 * A quality flag of PCIC's, with whether it discards the observations it marks.
 */
@Entity
@Table(name = "meta_pcic_flag")
public class MetaPcicFlag {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "meta_pcic_flag_pcic_flag_id_seq")
    @SequenceGenerator(name = "meta_pcic_flag_pcic_flag_id_seq", sequenceName = "meta_pcic_flag_pcic_flag_id_seq",
            allocationSize = 1)
    @Column(name = "pcic_flag_id",
            columnDefinition = "integer DEFAULT nextval('meta_pcic_flag_pcic_flag_id_seq'::regclass)",
            nullable = false)
    private Integer pcicFlagId;

    @Column(name = "flag_name", columnDefinition = "character varying")
    private String flagName;

    @Column(name = "description", columnDefinition = "character varying")
    private String description;

    @Column(name = "discard", columnDefinition = "boolean")
    private Boolean discard;

    public MetaPcicFlag() {
    }

    public Integer getPcicFlagId() {
        return pcicFlagId;
    }

    public void setPcicFlagId(Integer pcicFlagId) {
        this.pcicFlagId = pcicFlagId;
    }

    public String getFlagName() {
        return flagName;
    }

    public void setFlagName(String flagName) {
        this.flagName = flagName;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Boolean getDiscard() {
        return discard;
    }

    public void setDiscard(Boolean discard) {
        this.discard = discard;
    }
}
