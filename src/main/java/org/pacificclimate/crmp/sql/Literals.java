package org.pacificclimate.crmp.sql;

/**
 * SQL string literals in generated files. PostgreSQL renders a literal holding a carriage return or a line feed
 * with the raw characters ({@code '[<CR><LF>]'}), and Liquibase reads an {@code sqlFile} with its line endings
 * normalised, which would turn CR LF inside such a literal into LF and change the constant. Written as escape
 * strings ({@code E'[\r\n]'}) they survive; PostgreSQL stores the same constant and renders it as before.
 */
public final class Literals {

    private Literals() {
    }

    /** {@code sql} with every {@code '…'} literal that holds a CR, LF or tab rewritten as an {@code E'…'} literal. */
    public static String escapeControlCharacters(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            boolean escapeString = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                    && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
            if (c != '\'' || escapeString) {
                if (c == '\'' && escapeString) {
                    int end = endOfEscapeString(sql, i);
                    out.append(sql, i, end);
                    i = end;
                    continue;
                }
                out.append(c);
                i++;
                continue;
            }
            int end = i + 1;
            StringBuilder value = new StringBuilder();
            while (end < sql.length()) {
                char d = sql.charAt(end);
                if (d == '\'') {
                    if (end + 1 < sql.length() && sql.charAt(end + 1) == '\'') {
                        value.append('\'');
                        end += 2;
                        continue;
                    }
                    break;
                }
                value.append(d);
                end++;
            }
            String literal = value.toString();
            if (literal.indexOf('\r') >= 0 || literal.indexOf('\n') >= 0 || literal.indexOf('\t') >= 0) {
                out.append("E'").append(literal.replace("\\", "\\\\").replace("'", "\\'").replace("\r", "\\r")
                        .replace("\n", "\\n").replace("\t", "\\t")).append('\'');
            } else {
                out.append(sql, i, Math.min(end + 1, sql.length()));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static int endOfEscapeString(String sql, int start) {
        int end = start + 1;
        while (end < sql.length()) {
            char d = sql.charAt(end);
            if (d == '\\') {
                end += 2;
            } else if (d == '\'') {
                if (end + 1 < sql.length() && sql.charAt(end + 1) == '\'') {
                    end += 2;
                } else {
                    return end + 1;
                }
            } else {
                end++;
            }
        }
        return end;
    }
}
