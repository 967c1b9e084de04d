package io.meshwork.governance;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.policy.BuiltInPolicies;

/**
 * The mesh's global governance configuration: severity overrides per policy, topic bounds, the names that suggest
 * personal data, and the shortest acceptable description. Immutable; start from {@link #defaults()} or read the
 * platform's properties with {@link #fromProperties(Map)}.
 *
 * <p>Properties (every key starts with {@code meshwork.governance.}):
 *
 * <ul>
 *   <li>{@code policies.<policy-id>.severity} — {@code off}, {@code info}, {@code warning} or {@code blocker}
 *   <li>{@code topic.min-partitions} (1), {@code topic.max-partitions} (64)
 *   <li>{@code topic.min-retention} (1h), {@code topic.max-retention} (3650d) — {@code <n>ms|s|m|h|d} or ISO-8601
 *       ({@code PT1H})
 *   <li>{@code topic.allow-infinite-retention} (true)
 *   <li>{@code pii.patterns} — comma-separated names (the defaults below)
 *   <li>{@code description.min-length} (20)
 * </ul>
 */
public final class PolicySettings {
    /** The prefix of every governance property. */
    public static final String PREFIX = "meshwork.governance.";

    /** The names that suggest personal data when no {@code pii.patterns} are configured. */
    public static final List<String> DEFAULT_PII_PATTERNS = List.of(
            "email",
            "e-mail",
            "phone",
            "mobile",
            "ssn",
            "socialsecurity",
            "passport",
            "iban",
            "creditcard",
            "cardnumber",
            "birthdate",
            "dateofbirth",
            "firstname",
            "lastname",
            "fullname",
            "address",
            "postcode",
            "zipcode",
            "ipaddress");

    private static final String POLICIES = PREFIX + "policies.";
    private static final String SEVERITY = ".severity";
    private static final String MIN_PARTITIONS = PREFIX + "topic.min-partitions";
    private static final String MAX_PARTITIONS = PREFIX + "topic.max-partitions";
    private static final String MIN_RETENTION = PREFIX + "topic.min-retention";
    private static final String MAX_RETENTION = PREFIX + "topic.max-retention";
    private static final String ALLOW_INFINITE = PREFIX + "topic.allow-infinite-retention";
    private static final String PII_PATTERNS = PREFIX + "pii.patterns";
    private static final String DESCRIPTION_MIN_LENGTH = PREFIX + "description.min-length";
    private static final List<String> SECTIONS =
            List.of(POLICIES, PREFIX + "topic.", PREFIX + "pii.", PREFIX + "description.");
    private static final Set<String> KEYS = Set.of(
            MIN_PARTITIONS,
            MAX_PARTITIONS,
            MIN_RETENTION,
            MAX_RETENTION,
            ALLOW_INFINITE,
            PII_PATTERNS,
            DESCRIPTION_MIN_LENGTH);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h|d)");

    private static final PolicySettings DEFAULTS = new PolicySettings(
            Map.of(), 1, 64, Duration.ofHours(1), Duration.ofDays(3650), true, DEFAULT_PII_PATTERNS, 20, Map.of());

    private final Map<String, PolicySeverity> severityOverrides;
    private final int minPartitions;
    private final int maxPartitions;
    private final Duration minRetention;
    private final Duration maxRetention;
    private final boolean allowInfiniteRetention;
    private final List<String> piiPatterns;
    private final List<String> normalizedPiiPatterns;
    private final int descriptionMinLength;
    private final Map<String, PolicySeverity> knownDefaults;

    private PolicySettings(
            Map<String, PolicySeverity> severityOverrides,
            int minPartitions,
            int maxPartitions,
            Duration minRetention,
            Duration maxRetention,
            boolean allowInfiniteRetention,
            List<String> piiPatterns,
            int descriptionMinLength,
            Map<String, PolicySeverity> knownDefaults) {
        this.severityOverrides = Collections.unmodifiableMap(new TreeMap<>(severityOverrides));
        this.minPartitions = minPartitions;
        this.maxPartitions = maxPartitions;
        this.minRetention = minRetention;
        this.maxRetention = maxRetention;
        this.allowInfiniteRetention = allowInfiniteRetention;
        this.piiPatterns = List.copyOf(piiPatterns);
        this.normalizedPiiPatterns = piiPatterns.stream()
                .map(PolicySettings::normalizeName)
                .filter(p -> !p.isEmpty())
                .distinct()
                .toList();
        this.descriptionMinLength = descriptionMinLength;
        this.knownDefaults = Collections.unmodifiableMap(new TreeMap<>(knownDefaults));
    }

    /** @return the built-in defaults: no overrides, 1–64 partitions, 1 hour–3650 days retention, infinite allowed */
    public static PolicySettings defaults() {
        return DEFAULTS;
    }

    /**
     * Reads the governance properties; keys outside the sections {@code meshwork.governance.policies.}, {@code
     * .topic.}, {@code .pii.} and {@code .description.} are ignored, so the map may hold the platform's whole
     * configuration. Policy ids are checked against the built-in policies.
     *
     * @param properties e.g. {@code meshwork.governance.topic.max-partitions=64}
     * @return the settings, defaults where a key is absent
     * @throws IllegalArgumentException naming the key, the bad value and the fix, for an unknown key in a governance
     *     section, an unknown policy id or a bad value
     */
    public static PolicySettings fromProperties(Map<String, String> properties) {
        return fromProperties(properties, BuiltInPolicies.ids());
    }

    /**
     * As {@link #fromProperties(Map)}, for an engine with its own set of policies.
     *
     * @param properties the properties
     * @param policyIds the ids severity overrides may name
     * @return the settings
     * @throws IllegalArgumentException naming the key, the bad value and the fix
     */
    public static PolicySettings fromProperties(Map<String, String> properties, Set<String> policyIds) {
        Map<String, String> sorted = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (key != null && SECTIONS.stream().anyMatch(key::startsWith)) {
                sorted.put(key, value == null ? "" : value.trim());
            }
        });
        PolicySettings settings = DEFAULTS;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key.startsWith(POLICIES)) {
                settings = settings.withSeverity(policyIdOf(key, value, policyIds), severity(key, value));
            } else if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(key + "=" + value + " is not a governance setting; use one of "
                        + new TreeSet<>(KEYS) + " or " + POLICIES + "<policy-id>" + SEVERITY);
            }
        }
        int minPartitions = positiveInt(sorted, MIN_PARTITIONS, settings.minPartitions);
        int maxPartitions = positiveInt(sorted, MAX_PARTITIONS, settings.maxPartitions);
        if (minPartitions > maxPartitions) {
            throw new IllegalArgumentException(MIN_PARTITIONS + "=" + minPartitions + " is above " + MAX_PARTITIONS
                    + "=" + maxPartitions + "; set the minimum at or below the maximum");
        }
        Duration minRetention = duration(sorted, MIN_RETENTION, settings.minRetention);
        Duration maxRetention = duration(sorted, MAX_RETENTION, settings.maxRetention);
        if (minRetention.compareTo(maxRetention) > 0) {
            throw new IllegalArgumentException(MIN_RETENTION + "=" + sorted.getOrDefault(MIN_RETENTION, "1h")
                    + " is longer than " + MAX_RETENTION + "=" + sorted.getOrDefault(MAX_RETENTION, "3650d")
                    + "; set the minimum at or below the maximum");
        }
        boolean allowInfinite = bool(sorted, ALLOW_INFINITE, settings.allowInfiniteRetention);
        List<String> patterns = patterns(sorted, settings.piiPatterns);
        int minLength = nonNegativeInt(sorted, DESCRIPTION_MIN_LENGTH, settings.descriptionMinLength);
        return new PolicySettings(
                settings.severityOverrides,
                minPartitions,
                maxPartitions,
                minRetention,
                maxRetention,
                allowInfinite,
                patterns,
                minLength,
                Map.of());
    }

    /**
     * @param policyId a policy id
     * @param severity the severity the mesh requires for it
     * @return these settings with the override set
     */
    public PolicySettings withSeverity(String policyId, PolicySeverity severity) {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(severity, "severity");
        Map<String, PolicySeverity> overrides = new TreeMap<>(severityOverrides);
        overrides.put(policyId, severity);
        return new PolicySettings(
                overrides,
                minPartitions,
                maxPartitions,
                minRetention,
                maxRetention,
                allowInfiniteRetention,
                piiPatterns,
                descriptionMinLength,
                knownDefaults);
    }

    /** @return these settings keeping only the severity overrides of {@code policyIds} */
    PolicySettings restrictedTo(Set<String> policyIds) {
        Map<String, PolicySeverity> overrides = new TreeMap<>(severityOverrides);
        overrides.keySet().retainAll(policyIds);
        return new PolicySettings(
                overrides,
                minPartitions,
                maxPartitions,
                minRetention,
                maxRetention,
                allowInfiniteRetention,
                piiPatterns,
                descriptionMinLength,
                knownDefaults);
    }

    /**
     * @param min the fewest partitions a port may ask for, at least 1
     * @param max the most, at least {@code min}
     * @return these settings with the bounds set
     */
    public PolicySettings withPartitionBounds(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException(
                    "partition bounds " + min + ".." + max + " are not valid; use 1 <= min <= max");
        }
        return new PolicySettings(
                severityOverrides,
                min,
                max,
                minRetention,
                maxRetention,
                allowInfiniteRetention,
                piiPatterns,
                descriptionMinLength,
                knownDefaults);
    }

    /**
     * @param min the shortest retention a port may ask for
     * @param max the longest finite retention
     * @param allowInfinite whether {@code retention: infinite} is allowed
     * @return these settings with the bounds set
     */
    public PolicySettings withRetentionBounds(Duration min, Duration max, boolean allowInfinite) {
        if (min.isNegative() || min.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    "retention bounds " + min + ".." + max + " are not valid; use 0 <= min <= max");
        }
        return new PolicySettings(
                severityOverrides,
                minPartitions,
                maxPartitions,
                min,
                max,
                allowInfinite,
                piiPatterns,
                descriptionMinLength,
                knownDefaults);
    }

    /**
     * @param patterns names that suggest personal data
     * @return these settings with the patterns replaced
     */
    public PolicySettings withPiiPatterns(List<String> patterns) {
        return new PolicySettings(
                severityOverrides,
                minPartitions,
                maxPartitions,
                minRetention,
                maxRetention,
                allowInfiniteRetention,
                patterns,
                descriptionMinLength,
                knownDefaults);
    }

    /**
     * @param minLength the fewest characters a description may have
     * @return these settings with the minimum set
     */
    public PolicySettings withDescriptionMinLength(int minLength) {
        if (minLength < 0) {
            throw new IllegalArgumentException("a description's minimum length cannot be negative: " + minLength);
        }
        return new PolicySettings(
                severityOverrides,
                minPartitions,
                maxPartitions,
                minRetention,
                maxRetention,
                allowInfiniteRetention,
                piiPatterns,
                minLength,
                knownDefaults);
    }

    /**
     * These settings, aware of the default severity of every policy an engine runs, so that {@link
     * #globalSeverity(String)} can answer for any of them. The {@link GovernanceEngine} hands this view to its
     * policies.
     *
     * @param policies the engine's policies
     * @return the view
     */
    public PolicySettings forPolicies(Collection<? extends Policy> policies) {
        Map<String, PolicySeverity> defaults = new LinkedHashMap<>();
        for (Policy policy : policies) {
            defaults.put(policy.id(), policy.defaultSeverity());
        }
        return new PolicySettings(
                severityOverrides,
                minPartitions,
                maxPartitions,
                minRetention,
                maxRetention,
                allowInfiniteRetention,
                piiPatterns,
                descriptionMinLength,
                defaults);
    }

    /**
     * @param policy a policy
     * @return the severity the mesh requires for it: the configured override, else the policy's default
     */
    public PolicySeverity globalSeverity(Policy policy) {
        return severityOverrides.getOrDefault(policy.id(), policy.defaultSeverity());
    }

    /**
     * @param policyId a policy id
     * @return the severity the mesh requires for it; empty when the id is not a policy this view knows (see {@link
     *     #forPolicies})
     */
    public Optional<PolicySeverity> globalSeverity(String policyId) {
        PolicySeverity known = knownDefaults.get(policyId);
        return known == null ? Optional.empty() : Optional.of(severityOverrides.getOrDefault(policyId, known));
    }

    /** @return the ids of the policies this view knows, sorted; empty unless made by {@link #forPolicies} */
    public Set<String> knownPolicyIds() {
        return knownDefaults.keySet();
    }

    /** @return configured severities by policy id */
    public Map<String, PolicySeverity> severityOverrides() {
        return severityOverrides;
    }

    /** @return the fewest partitions a port may ask for */
    public int minPartitions() {
        return minPartitions;
    }

    /** @return the most partitions a port may ask for */
    public int maxPartitions() {
        return maxPartitions;
    }

    /** @return the shortest retention a port may ask for */
    public Duration minRetention() {
        return minRetention;
    }

    /** @return the longest finite retention a port may ask for */
    public Duration maxRetention() {
        return maxRetention;
    }

    /** @return whether a port may keep records forever */
    public boolean allowInfiniteRetention() {
        return allowInfiniteRetention;
    }

    /** @return the names that suggest personal data, as configured */
    public List<String> piiPatterns() {
        return piiPatterns;
    }

    /** @return the fewest characters a description may have */
    public int descriptionMinLength() {
        return descriptionMinLength;
    }

    /**
     * @param fieldName an Avro field name, e.g. {@code customerEmail}
     * @return the first PII pattern contained in the name once lowercased with separators removed; empty when none is
     */
    public Optional<String> piiPatternMatching(String fieldName) {
        String name = normalizeName(fieldName);
        return normalizedPiiPatterns.stream().filter(name::contains).findFirst();
    }

    /**
     * Reads a duration as the properties write it.
     *
     * @param text {@code <n>ms}, {@code <n>s}, {@code <n>m}, {@code <n>h}, {@code <n>d}, or ISO-8601 such as {@code PT1H}
     * @return the duration
     * @throws IllegalArgumentException when the text is neither form
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration", e);
        }
    }

    private static String normalizeName(String name) {
        StringBuilder s = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static String policyIdOf(String key, String value, Set<String> policyIds) {
        if (!key.endsWith(SEVERITY) || key.length() <= POLICIES.length() + SEVERITY.length()) {
            throw new IllegalArgumentException(key + "=" + value + " is not a governance setting; write " + POLICIES
                    + "<policy-id>" + SEVERITY + "=off|info|warning|blocker");
        }
        String id = key.substring(POLICIES.length(), key.length() - SEVERITY.length());
        if (!policyIds.contains(id)) {
            throw new IllegalArgumentException(key + "=" + value + " names an unknown policy '" + id + "'; use one of "
                    + new TreeSet<>(policyIds) + " (see docs/governance.md)");
        }
        return id;
    }

    private static PolicySeverity severity(String key, String value) {
        for (PolicySeverity s : PolicySeverity.values()) {
            if (s.yamlName().equals(value.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                key + "=" + value + " is not a severity; set it to off, info, warning or blocker");
    }

    private static int positiveInt(Map<String, String> properties, String key, int fallback) {
        int n = integer(properties, key, fallback);
        if (n < 1) {
            throw new IllegalArgumentException(
                    key + "=" + n + " is below 1; set it to a number of partitions, 1 or more");
        }
        return n;
    }

    private static int nonNegativeInt(Map<String, String> properties, String key, int fallback) {
        int n = integer(properties, key, fallback);
        if (n < 0) {
            throw new IllegalArgumentException(key + "=" + n + " is negative; set it to 0 or more characters");
        }
        return n;
    }

    private static int integer(Map<String, String> properties, String key, int fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + "=" + value + " is not a whole number; set it to a number such as " + fallback, e);
        }
    }

    private static Duration duration(Map<String, String> properties, String key, Duration fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        Duration d;
        try {
            d = parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    key + "=" + value
                            + " is not a duration; write <n>ms, <n>s, <n>m, <n>h or <n>d (e.g. 7d), or ISO-8601 (e.g. PT1H)",
                    e);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + "=" + value + " is not positive; set a duration such as 1h");
        }
        return d;
    }

    private static boolean bool(Map<String, String> properties, String key, boolean fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + "=" + value + " is not a boolean; set true or false");
        };
    }

    private static List<String> patterns(Map<String, String> properties, List<String> fallback) {
        String value = properties.get(PII_PATTERNS);
        if (value == null) {
            return fallback;
        }
        List<String> patterns = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (normalizeName(p).isEmpty()) {
                throw new IllegalArgumentException(PII_PATTERNS + "=" + value + " contains '" + p
                        + "', which has no letters or digits; list field names such as email,phone");
            }
            patterns.add(p);
        }
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException(PII_PATTERNS + "=" + value
                    + " lists no names; list field names such as email,phone (or remove the key for the defaults)");
        }
        return patterns;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicySettings s
                && minPartitions == s.minPartitions
                && maxPartitions == s.maxPartitions
                && allowInfiniteRetention == s.allowInfiniteRetention
                && descriptionMinLength == s.descriptionMinLength
                && severityOverrides.equals(s.severityOverrides)
                && minRetention.equals(s.minRetention)
                && maxRetention.equals(s.maxRetention)
                && piiPatterns.equals(s.piiPatterns)
                && knownDefaults.equals(s.knownDefaults);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                severityOverrides,
                minPartitions,
                maxPartitions,
                minRetention,
                maxRetention,
                allowInfiniteRetention,
                piiPatterns,
                descriptionMinLength);
    }

    @Override
    public String toString() {
        return "PolicySettings{severities=" + severityOverrides + ", partitions=" + minPartitions + ".." + maxPartitions
                + ", retention=" + minRetention + ".." + maxRetention + ", infiniteRetention=" + allowInfiniteRetention
                + ", piiPatterns=" + piiPatterns + ", descriptionMinLength=" + descriptionMinLength + "}";
    }
}
