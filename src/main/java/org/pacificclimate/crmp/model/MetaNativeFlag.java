package org.pacificclimate.crmp.model;

import jakarta.persistence.*;

/**
 * A quality flag of a network's own, with whether it discards the observations it marks.
 */
@Entity
@Table(name = "meta_native_flag",
        uniqueConstraints = {
                @UniqueConstraint(name = "meta_native_flag_unique", columnNames = {"network_id", "value"})})
public class MetaNativeFlag {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "meta_native_flag_native_flag_id_seq")
    @SequenceGenerator(name = "meta_native_flag_native_flag_id_seq",
            sequenceName = "meta_native_flag_native_flag_id_seq", allocationSize = 1)
    @Column(name = "native_flag_id",
            columnDefinition = "integer DEFAULT nextval('meta_native_flag_native_flag_id_seq'::regclass)",
            nullable = false)
    private Integer nativeFlagId;

    @Column(name = "flag_name", columnDefinition = "character varying")
    private String flagName;

    @Column(name = "description", columnDefinition = "character varying")
    private String description;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "network_id", columnDefinition = "integer",
                foreignKey = @ForeignKey(name = "meta_native_flag_network_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (network_id) REFERENCES meta_network(network_id)"))
    private MetaNetwork network;

    @Column(name = "value", columnDefinition = "character varying")
    private String value;

    @Column(name = "discard", columnDefinition = "boolean")
    private Boolean discard;

    public MetaNativeFlag() {
    }

    public Integer getNativeFlagId() {
        return nativeFlagId;
    }

    public void setNativeFlagId(Integer nativeFlagId) {
        this.nativeFlagId = nativeFlagId;
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

    public MetaNetwork getNetwork() {
        return network;
    }

    public void setNetwork(MetaNetwork network) {
        this.network = network;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public Boolean getDiscard() {
        return discard;
    }

    public void setDiscard(Boolean discard) {
        this.discard = discard;
    }
}
