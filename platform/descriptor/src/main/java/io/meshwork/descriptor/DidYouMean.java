package io.meshwork.descriptor;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the allowed name closest to a misspelt one, by edit distance over case, '-' and '_' insensitive names. */
final class DidYouMean {
    private DidYouMean() {}

    /** @return the closest allowed name, when one is close enough to be what was meant */
    static Optional<String> closest(String written, Collection<String> allowed) {
        String probe = normalize(written);
        if (probe.isEmpty()) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            String target = normalize(candidate);
            int distance = distance(probe, target);
            if (probe.length() >= 3 && target.startsWith(probe)) {
                // an abbreviation ("desc" for "description") is as good as one typo
                distance = Math.min(distance, 1);
            }
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int tolerance = Math.max(1, Math.min(3, probe.length() / 3));
        return bestDistance <= tolerance ? Optional.of(best) : Optional.empty();
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE / 2;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
