package io.meshwork.descriptor;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in a descriptor: {@code <n>ms|s|m|h|d|w}, ISO-8601 ({@code P7D}, {@code PT12H}), or
 * {@code infinite} where allowed. The canonical form is the short form in the largest unit that divides the duration
 * exactly, out of {@code d, h, m, s, ms} ({@code 7d}, {@code 90m}, {@code 1500ms}); ISO-8601 only for a duration
 * that is not a whole number of milliseconds; {@code infinite} for {@link OutputPort#INFINITE_RETENTION}.
 */
final class DurationText {
    static final String INFINITE = "infinite";

    private static final Pattern SHORT = Pattern.compile("([0-9]{1,19})(ms|s|m|h|d|w)");
    private static final Pattern ISO_START = Pattern.compile("[-+]?[Pp]");
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]+(\\.[0-9]*)?");
    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    private static final String[] UNIT_NAMES = {"d", "h", "m", "s", "ms"};

    private DurationText() {}

    /** The outcome of reading a duration: a positive value, or what is wrong and how to fix it. */
    record Result(Duration value, String problem, String fix) {
        static Result ok(Duration value) {
            return new Result(value, null, null);
        }

        static Result bad(String problem, String fix) {
            return new Result(null, problem, fix);
        }
    }

    /**
     * @param text as written
     * @param key the field name, for fixes
     * @param allowInfinite whether {@code infinite} is accepted
     */
    static Result parse(String text, String key, boolean allowInfinite) {
        String expected = allowInfinite
                ? "expected a duration such as 7d, 12h, 30m, PT12H or 'infinite'"
                : "expected a duration such as 5m, 30s, 1500ms or PT5M";
        if (text.equalsIgnoreCase(INFINITE)) {
            return allowInfinite
                    ? Result.ok(OutputPort.INFINITE_RETENTION)
                    : Result.bad(key + " cannot be infinite", "give a finite duration, e.g. " + key + ": 5m");
        }
        Duration value;
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            try {
                long amount = Long.parseLong(m.group(1));
                value = Duration.ofMillis(Math.multiplyExact(amount, unitMillis(m.group(2))));
            } catch (NumberFormatException | ArithmeticException e) {
                return tooLong(text, key, allowInfinite);
            }
        } else if (ISO_START.matcher(text).lookingAt()) {
            try {
                value = Duration.parse(text);
            } catch (DateTimeParseException e) {
                if (e.getCause() instanceof ArithmeticException) {
                    return tooLong(text, key, allowInfinite);
                }
                String fix = text.matches("(?i)[-+]?P[^T]*[YMW].*")
                        ? "ISO durations here have days, hours, minutes and seconds only (months and years vary in"
                                + " length); write e.g. P30D or 30d"
                        : "write e.g. " + key + ": P7D or " + key + ": PT12H, or the short form " + key + ": 7d";
                return Result.bad(expected + ", got " + ProblemList.quote(text) + " (not ISO-8601)", fix);
            }
        } else if (NUMBER.matcher(text).matches()) {
            if (allowInfinite && text.startsWith("-")) {
                return Result.bad(
                        expected + ", got " + ProblemList.quote(text),
                        "to keep records forever write " + key + ": infinite");
            }
            return Result.bad(
                    "a duration needs a unit, got the bare number " + ProblemList.quote(text),
                    "add a unit: ms, s, m, h, d or w, e.g. " + key + ": " + text.replaceFirst("^\\+", "") + "ms");
        } else {
            String lower = text.toLowerCase(Locale.ROOT);
            String fix = !lower.equals(text) && SHORT.matcher(lower).matches()
                    ? "units are lowercase: write " + key + ": " + lower
                    : "write a whole number and a unit (ms, s, m, h, d, w), e.g. " + key + ": 7d, or ISO-8601 like "
                            + key + ": PT12H";
            return Result.bad(expected + ", got " + ProblemList.quote(text), fix);
        }
        if (value.isZero() || value.isNegative()) {
            return Result.bad(
                    key + " must be longer than zero, got " + ProblemList.quote(text),
                    allowInfinite
                            ? "give a positive duration, e.g. " + key + ": 7d; to keep records forever write " + key
                                    + ": infinite"
                            : "give a positive duration, e.g. " + key + ": 5m");
        }
        if (value.compareTo(OutputPort.INFINITE_RETENTION) > 0) {
            return tooLong(text, key, allowInfinite);
        }
        return Result.ok(value);
    }

    /** @return the canonical text of {@code value}, which {@link #parse} reads back as an equal duration */
    static String format(Duration value, boolean allowInfinite) {
        if (allowInfinite && value.equals(OutputPort.INFINITE_RETENTION)) {
            return INFINITE;
        }
        if (value.isNegative()
                || value.getNano() % 1_000_000 != 0
                || value.compareTo(OutputPort.INFINITE_RETENTION) > 0) {
            return value.toString();
        }
        long millis = value.toMillis();
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            if (millis % UNIT_MILLIS[i] == 0) {
                return (millis / UNIT_MILLIS[i]) + UNIT_NAMES[i];
            }
        }
        throw new AssertionError("every whole number of milliseconds divides by 1 ms");
    }

    private static long unitMillis(String unit) {
        return switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            case "w" -> 604_800_000L;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    private static Result tooLong(String text, String key, boolean allowInfinite) {
        return Result.bad(
                key + " " + ProblemList.quote(text) + " is too long (the longest is 292 million years)",
                allowInfinite ? "to keep records forever write " + key + ": infinite" : "give a shorter duration");
    }
}
