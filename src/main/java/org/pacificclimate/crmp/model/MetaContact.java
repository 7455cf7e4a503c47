package org.pacificclimate.crmp.model;

import jakarta.persistence.*;

/**
 * A contact person or organisation responsible for networks.
 */
@Entity
@Table(name = "meta_contact")
public class MetaContact {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "meta_contact_contact_id_seq")
    @SequenceGenerator(name = "meta_contact_contact_id_seq", sequenceName = "meta_contact_contact_id_seq",
            allocationSize = 1)
    @Column(name = "contact_id", columnDefinition = "integer DEFAULT nextval('meta_contact_contact_id_seq'::regclass)",
            nullable = false)
    private Integer contactId;

    @Column(name = "name", columnDefinition = "character varying")
    private String name;

    @Column(name = "title", columnDefinition = "character varying")
    private String title;

    @Column(name = "organization", columnDefinition = "character varying")
    private String organization;

    @Column(name = "email", columnDefinition = "character varying")
    private String email;

    @Column(name = "phone", columnDefinition = "character varying")
    private String phone;

    public MetaContact() {
    }

    public Integer getContactId() {
        return contactId;
    }

    public void setContactId(Integer contactId) {
        this.contactId = contactId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getOrganization() {
        return organization;
    }

    public void setOrganization(String organization) {
        this.organization = organization;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }
}
