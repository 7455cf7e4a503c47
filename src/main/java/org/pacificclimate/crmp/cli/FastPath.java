package org.pacificclimate.crmp.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.migration.ChangelogIndex;
import org.pacificclimate.crmp.migration.ChangelogIndex.Changeset;

/**
 * A no-op {@code upgrade} answered without booting Liquibase: when every changeset the schema records is one of the
 * packaged changelogs' with the checksum the build computed ({@link ChangelogIndex}), Liquibase's update would find
 * nothing to run and nothing to refuse. Otherwise (a changed or unknown changeset, a checksum of another Liquibase
 * version, changelogs read from a directory rather than the packaged ones) the caller lets Liquibase decide.
 */
final class FastPath {

    private FastPath() {
    }

    static boolean recordsAgree(DatabaseCommand command, Connection connection, Settings settings)
            throws SQLException {
        if (command.crmp.launch.changelogsFrom().isPresent()) {
            return false;
        }
        Optional<ChangelogIndex> index = ChangelogIndex.packaged();
        if (index.isEmpty()) {
            return false;
        }
        List<Changeset> recorded = new ArrayList<>();
        try (PreparedStatement rows = connection.prepareStatement("SELECT id, author, filename, md5sum FROM "
                + settings.schemaName() + ".databasechangelog");
             ResultSet rs = rows.executeQuery()) {
            while (rs.next()) {
                recorded.add(new Changeset(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4) == null ? "" : rs.getString(4)));
            }
        }
        return index.get().disagreements(recorded).isEmpty();
    }
}
