package dev.lifeline.devstack.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * SQL over a set of ids a test made, passed as one array parameter ({@code ?::uuid[]}, or {@code ?}
 * for a text column): rows seeded in one statement, and counts of what became of exactly those rows.
 */
public final class RowsById {

    private RowsById() {
    }

    /** Runs {@code sql} with {@code ids} as its one parameter, e.g. {@code INSERT ... FROM unnest(?::uuid[]) id}. */
    public static int update(DataSource dataSource, String sql, String[] ids) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setArray(1, c.createArrayOf("text", ids));
            return statement.executeUpdate();
        }
    }

    /** The single number {@code sql} answers with {@code ids} as its one parameter, e.g. {@code SELECT count(*) ... = ANY(?)}. */
    public static long count(DataSource dataSource, String sql, String[] ids) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setArray(1, c.createArrayOf("text", ids));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
