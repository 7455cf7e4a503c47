package org.pacificclimate.crmp.migration;

import java.util.List;
import java.util.Optional;

/**
 * One PyCDS revision: its position in the chain (1 = base), its Alembic id (also our Liquibase tag) and title.
 */
public record Revision(int number, String id, String title) {

    /** PyCDS's complete chain, base to head. Which of them are ported is what the master changelog includes. */
    public static final List<Revision> CHAIN = List.of(
            new Revision(1, "522eed334c85", "Create initial database"),
            new Revision(2, "4a2f1879293a", "Create functions"),
            new Revision(3, "84b7fc2596d5", "Add utility views"),
            new Revision(4, "8fd8f556c548", "Add weather anomaly matviews"),
            new Revision(5, "7a3b247c577b", "Add VarsPerHistory native matview"),
            new Revision(6, "bdc28573df56", "Add obs_raw indexes"),
            new Revision(7, "e688e520d265", "Refactor flags association tables"),
            new Revision(8, "2914c6c8a7f9", "Drop meta_climo_attrs"),
            new Revision(9, "0d99ba90c229", "Create missing indexes"),
            new Revision(10, "3d50ec832e47", "add constraint on meta vars"),
            new Revision(11, "7b139906ac46", "add not null constraint on meta vars"),
            new Revision(12, "879f0efa125f", "add publish column to meta station"),
            new Revision(13, "83896ee79b06", "Add function variable_tags"),
            new Revision(14, "78260d36e42b", "Add meta_vars.net_var_name valid identifier constraint"),
            new Revision(15, "5c841d2c01d1", "Add whitespace constraints to meta_vars columns"),
            new Revision(16, "96729d6db8b3", "Convert climo_obs_count_mv to native matview"),
            new Revision(17, "bf366199f463", "Convert station_obs_stats_mv to native matview"),
            new Revision(18, "22819129a609", "Convert collapsed_vars_mv to native matview"),
            new Revision(19, "bb2a222a1d4a", "Convert obs_count_per_month_history_mv to native matview"),
            new Revision(20, "fecff1a73d7e", "Add columns vars_ids and unique_variable_tags to matview collapsed_vars_mv"),
            new Revision(21, "6cb393f711c3", "Add columns vars_ids and unique_variable_tags to crmp_network_geoserver"),
            new Revision(22, "efde19ea4f52", "Fix function getstationvariabletable"),
            new Revision(23, "3505750d3416", "Add start/stop times to vars_per_history_mv"),
            new Revision(24, "081f17262852", "convert monthly_total_precipitation_mv to native matview"),
            new Revision(25, "7ab87f8fbcf4", "Add change history utilities"),
            new Revision(26, "a59d64cf16ca", "Add history tracking to 4 main metadata tables"),
            new Revision(27, "8c05da87cb79", "Add history tracking to obs_raw"),
            new Revision(28, "33179b5ae85a", "add network_display_name column to meta_network"),
            new Revision(29, "f6d5a4c2e901", "Optimize weather-anomaly native materialized views."));

    public static Revision byId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("Unknown revision '" + id
                + "'. Revisions are PyCDS's Alembic ids, e.g. " + CHAIN.get(0).id() + " (base) … "
                + CHAIN.get(CHAIN.size() - 1).id() + " (head)."));
    }

    public static Optional<Revision> find(String id) {
        return CHAIN.stream().filter(r -> r.id.equals(id)).findFirst();
    }

    public static Revision number(int number) {
        return CHAIN.get(number - 1);
    }

    /** The revision before this one, if any (Alembic's down_revision). */
    public Optional<Revision> previous() {
        return number == 1 ? Optional.empty() : Optional.of(CHAIN.get(number - 2));
    }

    /** "NN_id", the name of the reference catalog after this revision. */
    public String catalogName() {
        return String.format("%02d_%s", number, id);
    }

    @Override
    public String toString() {
        return String.format("%02d %s", number, id);
    }
}
