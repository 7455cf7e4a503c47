package org.pacificclimate.crmp.model;

import java.time.LocalDateTime;

import jakarta.persistence.*;

/**
 * A variable of a network: its network name ({@code net_var_name}, case-insensitive {@code citext}, a valid
 * identifier), unit, CF standard name and cell method.
 */
@Entity
@Table(name = "meta_vars",
        uniqueConstraints = {
                @UniqueConstraint(name = "network_variable_name_unique", columnNames = {"network_id", "net_var_name"})},
        indexes = {
                @Index(name = "fki_meta_vars_network_id_fkey", columnList = "network_id")},
        check = {
                @CheckConstraint(name = "cell_method_nolinebreak",
                        constraint = "((cell_method)::text !~ '[\r\n]'::text)"),
                @CheckConstraint(name = "ck_net_var_name_valid_identifier",
                        constraint = "(net_var_name OPERATOR(public.~) '^[a-zA-Z_][a-zA-Z0-9_$]*$'::public.citext)"),
                @CheckConstraint(name = "display_name_nolinebreak",
                        constraint = "((display_name)::text !~ '[\r\n]'::text)"),
                @CheckConstraint(name = "long_description_nolinebreak",
                        constraint = "((long_description)::text !~ '[\r\n]'::text)"),
                @CheckConstraint(name = "short_name_nolinebreak",
                        constraint = "((short_name)::text !~ '[\r\n]'::text)"),
                @CheckConstraint(name = "standard_name_nolinebreak",
                        constraint = "((standard_name)::text !~ '[\r\n]'::text)"),
                @CheckConstraint(name = "unit_nolinebreak",
                        constraint = "((unit)::text !~ '[\r\n]'::text)")})
public class MetaVars {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "meta_vars_vars_id_seq")
    @SequenceGenerator(name = "meta_vars_vars_id_seq", sequenceName = "meta_vars_vars_id_seq", allocationSize = 1)
    @Column(name = "vars_id", columnDefinition = "integer DEFAULT nextval('meta_vars_vars_id_seq'::regclass)",
            nullable = false)
    private Integer varsId;

    @Column(name = "net_var_name", columnDefinition = "public.citext")
    private String netVarName;

    @Column(name = "unit", columnDefinition = "character varying")
    private String unit;

    @Column(name = "standard_name", columnDefinition = "character varying", nullable = false)
    private String standardName;

    @Column(name = "cell_method", columnDefinition = "character varying", nullable = false)
    private String cellMethod;

    @Column(name = "precision", columnDefinition = "double precision")
    private Double precision;

    @Column(name = "long_description", columnDefinition = "character varying")
    private String longDescription;

    @Column(name = "display_name", columnDefinition = "character varying", nullable = false)
    private String displayName;

    @Column(name = "short_name", columnDefinition = "character varying")
    private String shortName;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "network_id", columnDefinition = "integer",
                foreignKey = @ForeignKey(name = "meta_vars_network_id_fkey",
                        foreignKeyDefinition = "FOREIGN KEY (network_id) REFERENCES meta_network(network_id)"))
    private MetaNetwork network;

    // stamped by trigger t100_primary_control_hx_cols on every insert and update: never written
    @Column(name = "mod_time", columnDefinition = "timestamp without time zone DEFAULT now()", nullable = false,
            insertable = false, updatable = false)
    private LocalDateTime modTime;

    // stamped by trigger t100_primary_control_hx_cols on every insert and update: never written
    @Column(name = "mod_user", columnDefinition = "character varying(64) DEFAULT CURRENT_USER", nullable = false,
            insertable = false, updatable = false)
    private String modUser;

    public MetaVars() {
    }

    public Integer getVarsId() {
        return varsId;
    }

    public void setVarsId(Integer varsId) {
        this.varsId = varsId;
    }

    public String getNetVarName() {
        return netVarName;
    }

    public void setNetVarName(String netVarName) {
        this.netVarName = netVarName;
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit;
    }

    public String getStandardName() {
        return standardName;
    }

    public void setStandardName(String standardName) {
        this.standardName = standardName;
    }

    public String getCellMethod() {
        return cellMethod;
    }

    public void setCellMethod(String cellMethod) {
        this.cellMethod = cellMethod;
    }

    public Double getPrecision() {
        return precision;
    }

    public void setPrecision(Double precision) {
        this.precision = precision;
    }

    public String getLongDescription() {
        return longDescription;
    }

    public void setLongDescription(String longDescription) {
        this.longDescription = longDescription;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getShortName() {
        return shortName;
    }

    public void setShortName(String shortName) {
        this.shortName = shortName;
    }

    public MetaNetwork getNetwork() {
        return network;
    }

    public void setNetwork(MetaNetwork network) {
        this.network = network;
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
