package org.pacificclimate.crmp.model;

import jakarta.persistence.*;

/**
 * A sensor.
 */
@Entity
@Table(name = "meta_sensor")
public class MetaSensor {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "meta_sensor_sensor_id_seq")
    @SequenceGenerator(name = "meta_sensor_sensor_id_seq", sequenceName = "meta_sensor_sensor_id_seq",
            allocationSize = 1)
    @Column(name = "sensor_id", columnDefinition = "integer DEFAULT nextval('meta_sensor_sensor_id_seq'::regclass)",
            nullable = false)
    private Integer sensorId;

    @Column(name = "name", columnDefinition = "character varying(255)")
    private String name;

    public MetaSensor() {
    }

    public Integer getSensorId() {
        return sensorId;
    }

    public void setSensorId(Integer sensorId) {
        this.sensorId = sensorId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
