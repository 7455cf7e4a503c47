package org.pacificclimate.crmp.migration;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Alembic's revision specifications, resolved against a chain: a full id, a unique prefix of at least
 * {@value #MINIMUM_PREFIX} characters ({@code 4a2f}), {@code head}, {@code base}, {@code current}, {@code +N} /
 * {@code -N} (relative to the current revision) and {@code <rev>+N} / {@code <rev>-N} (relative to another spec);
 * ranges {@code A:B} for history ({@link #resolveRange}). An unknown,
 * ambiguous or out-of-range spec is refused with an {@link IllegalArgumentException} whose message lists the
 * candidates, before anything runs.
 *
 * <p>A resolved spec is a position in the chain: 0 is {@code base} (no revision applied), {@code n} is revision
 * number {@code n}.
 */
public final class RevisionSpec {

    /** Shorter prefixes match too easily by mistake (a typo must never pick a revision). */
    public static final int MINIMUM_PREFIX = 4;

    private static final Pattern RELATIVE = Pattern.compile("(.*?)([+-])(\\d+)");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final String CURRENT = "current";

    private RevisionSpec() {
    }

    /**
     * @param spec    what the user wrote
     * @param chain   the chain to resolve against
     * @param current the position the database is at (0 = base), for {@code +N} / {@code -N}; empty when unknown
     * @return the position the spec names
     */
    public static int resolve(String spec, RevisionChain chain, Optional<Integer> current) {
        String text = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("No revision given: use a revision id, a unique prefix of one, "
                    + "head, base, +N or -N.");
        }
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            int from;
            if (relative.group(1).isEmpty() || relative.group(1).equals(CURRENT)) {
                from = current(spec, current);
            } else {
                from = absolute(relative.group(1), spec, chain);
            }
            int steps = Integer.parseInt(relative.group(3));
            int target = relative.group(2).equals("+") ? from + steps : from - steps;
            if (target < 0 || target > chain.size()) {
                throw new IllegalArgumentException("'" + spec + "' is outside the chain: from " + describe(from, chain)
                        + " there are " + (chain.size() - from) + " revisions up and " + from + " down.");
            }
            return target;
        }
        if (text.equals(CURRENT)) {
            return current(spec, current);
        }
        return absolute(text, spec, chain);
    }

    /**
     * Whether the spec needs the database's current revision ({@code +N}, {@code -N}, {@code current},
     * {@code current+N}); every other spec resolves without a database.
     */
    public static boolean needsCurrent(String spec) {
        String text = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
        Matcher relative = RELATIVE.matcher(text);
        return text.equals(CURRENT)
                || relative.matches() && (relative.group(1).isEmpty() || relative.group(1).equals(CURRENT));
    }

    /**
     * Refuses a spec that cannot name a revision of {@code chain}, without a database: the spec is resolved when it
     * does not need the current revision, and only its form is checked when it does.
     */
    public static void check(String spec, RevisionChain chain) {
        if (!needsCurrent(spec)) {
            resolve(spec, chain, Optional.empty());
        }
    }

    /**
     * A history range {@code A:B} (Alembic's {@code -r}): either side may be empty (base, head) and is otherwise a
     * spec; {@code A} must not come after {@code B}.
     *
     * @return the first and last position, inclusive (0 = base)
     */
    public static int[] resolveRange(String range, RevisionChain chain, Optional<Integer> current) {
        String text = range == null ? "" : range.strip();
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + range + "' is not a range: write A:B (either side may be empty, "
                    + "as in base:head, 0d99:, :current). Nothing was changed.");
        }
        String lower = text.substring(0, colon).strip();
        String upper = text.substring(colon + 1).strip();
        int from = lower.isEmpty() ? 0 : resolve(lower, chain, current);
        int to = upper.isEmpty() ? chain.size() : resolve(upper, chain, current);
        if (from > to) {
            throw new IllegalArgumentException("Range '" + range + "' runs backwards: " + describe(from, chain)
                    + " comes after " + describe(to, chain) + ". Nothing was changed.");
        }
        return new int[] {from, to};
    }

    private static int current(String spec, Optional<Integer> current) {
        return current.orElseThrow(() -> new IllegalArgumentException("'" + spec + "' is relative to the "
                + "current revision, which is not known here."));
    }

    /** The revision a spec names; {@code base} and other specs that name no revision are refused. */
    public static Revision resolveRevision(String spec, RevisionChain chain, Optional<Integer> current) {
        int position = resolve(spec, chain, current);
        if (position == 0) {
            throw new IllegalArgumentException("'" + spec + "' names base, before the first revision; a revision "
                    + "id is needed here.");
        }
        return chain.number(position);
    }

    private static int absolute(String text, String spec, RevisionChain chain) {
        switch (text) {
            case "head", "heads":
                return chain.size();
            case "base":
                return 0;
            default:
                break;
        }
        if (!HEX.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + spec + "' is not a revision: use a revision id (12 hexadecimal "
                    + "digits) or a unique prefix of one, head, base, +N or -N.");
        }
        Optional<Revision> exact = chain.find(text);
        if (exact.isPresent()) {
            return exact.get().number();
        }
        List<Revision> matches = chain.revisions().stream().filter(r -> r.id().startsWith(text)).toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("Unknown revision '" + spec + "': no revision id "
                    + (text.length() > 12 ? "is" : "starts with") + " '" + text + "' (revisions run "
                    + chain.base().id() + " … " + chain.head().id() + "). Nothing was changed.");
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("Ambiguous revision '" + spec + "': it could be "
                    + matches.stream().map(Revision::id).collect(Collectors.joining(", "))
                    + ". Nothing was changed.");
        }
        if (text.length() < MINIMUM_PREFIX) {
            throw new IllegalArgumentException("Revision prefix '" + spec + "' is too short: give at least "
                    + MINIMUM_PREFIX + " characters (it would be " + matches.get(0).id() + "). Nothing was changed.");
        }
        return matches.get(0).number();
    }

    private static String describe(int position, RevisionChain chain) {
        return position == 0 ? "base" : chain.number(position).id();
    }
}
