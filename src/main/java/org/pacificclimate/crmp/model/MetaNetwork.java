package org.pacificclimate.crmp.model;

import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * An observation network: name (immutable once set, by trigger), display name (defaults to the name), contact.
 */
@Entity
@Table(name = "meta_network",
        uniqueConstraints = {
                @UniqueConstraint(name = "uq_meta_network_network_display_name", columnNames = {"network_display_name"})})
public class MetaNetwork {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "meta_network_network_id_seq")
    @SequenceGenerator(name = "meta_network_network_id_seq", sequenceName = "meta_network_network_id_seq",
            allocationSize = 1)
    @Column(name = "network_id", columnDefinition = "integer DEFAULT nextval('meta_network_network_id_seq'::regclass)",
            nullable = false)
    private Integer networkId;

    @Column(name = "network_name", columnDefinition = "character varying")
    private String networkName;

    @Column(name = "description", columnDefinition = "character varying")
    private String description;

    @Column(name = "virtual", columnDefinition = "character varying(255)")
    private String virtual;

    @Column(name = "publish", columnDefinition = "boolean")
    private Boolean publish;

    @Column(name = "col_hex", columnDefinition = "character varying")
    private String colHex;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "contact_id", columnDefinition = "integer",
                foreignKey = @ForeignKey(name = "meta_network_contact_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (contact_id) REFERENCES meta_contact(contact_id)"))
    private MetaContact contact;

    // stamped by trigger t100_primary_control_hx_cols on every insert and update: never written
    @Column(name = "mod_time", columnDefinition = "timestamp without time zone DEFAULT now()", nullable = false,
            insertable = false, updatable = false)
    private LocalDateTime modTime;

    // stamped by trigger t100_primary_control_hx_cols on every insert and update: never written
    @Column(name = "mod_user", columnDefinition = "character varying(64) DEFAULT CURRENT_USER", nullable = false,
            insertable = false, updatable = false)
    private String modUser;

    @Column(name = "network_display_name", columnDefinition = "character varying")
    private String networkDisplayName;

    public MetaNetwork() {
    }

    public Integer getNetworkId() {
        return networkId;
    }

    public void setNetworkId(Integer networkId) {
        this.networkId = networkId;
    }

    public String getNetworkName() {
        return networkName;
    }

    public void setNetworkName(String networkName) {
        this.networkName = networkName;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getVirtual() {
        return virtual;
    }

    public void setVirtual(String virtual) {
        this.virtual = virtual;
    }

    public Boolean getPublish() {
        return publish;
    }

    public void setPublish(Boolean publish) {
        this.publish = publish;
    }

    public String getColHex() {
        return colHex;
    }

    public void setColHex(String colHex) {
        this.colHex = colHex;
    }

    public MetaContact getContact() {
        return contact;
    }

    public void setContact(MetaContact contact) {
        this.contact = contact;
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

    public String getNetworkDisplayName() {
        return networkDisplayName;
    }

    public void setNetworkDisplayName(String networkDisplayName) {
        this.networkDisplayName = networkDisplayName;
    }
}
