package io.meshwork.sdk.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.meshwork.descriptor.QualityRule;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * A product's record-level quality rules ({@code quality:} in {@code dataproduct.yaml}), compiled once as CEL
 * expressions over the record and evaluated per record.
 *
 * <p>An expression sees the record as {@code record}: {@code record.amount > 0}, {@code record.customer.email != ""},
 * {@code record.lines.all(l, l.quantity > 0)}, {@code has(record.coupon)}. Values are typed as described in
 * {@link AvroCelValues}; numbers of different types compare as numbers ({@code record.amount > 0} works for a
 * {@code double} amount). Compiling checks the syntax, that the result is a boolean, and that every
 * {@code record.<field>} path exists in the schema, so a typo stops the service at start, not at the first record.
 *
 * <p>A record that makes an expression fail to evaluate (a field of the wrong type for the operator, a map key that is
 * absent) fails that rule, with the evaluation error as the reason.
 */
public final class QualityRules {
    private static final CelOptions OPTIONS =
            CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("record", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();
    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
    private static final int MAX_REASON = 500;

    private final List<Compiled> rules;

    private QualityRules(List<Compiled> rules) {
        this.rules = List.copyOf(rules);
    }

    /** A compiled rule. */
    private record Compiled(QualityRule rule, CelRuntime.Program program) {}

    /**
     * One rule a record failed.
     *
     * @param rule the rule's name
     * @param expression its expression
     * @param action what the descriptor says to do
     * @param reason {@code "false"} when the expression was false, or the evaluation error
     */
    public record Failure(String rule, String expression, QualityRule.Action action, String reason) {
        /** @return one line for logs and dead-letter headers, e.g. {@code positive-amount (record.amount > 0): false} */
        public String describe() {
            return rule + " (" + expression + "): " + reason;
        }
    }

    /**
     * The outcome of checking one record.
     *
     * @param failures every rule it failed, in the descriptor's order; empty when it passed
     */
    public record Verdict(List<Failure> failures) {
        /** The verdict of a record that passed every rule. */
        public static final Verdict PASSED = new Verdict(List.of());

        /** Copies the failures. */
        public Verdict {
            failures = List.copyOf(failures);
        }

        /** @return true when no rule failed */
        public boolean passed() {
            return failures.isEmpty();
        }

        /**
         * @return what happens to the record: the strongest action of the failed rules ({@code fail} over {@code dlq}
         *     over {@code drop}); empty when it passed
         */
        public Optional<QualityRule.Action> action() {
            QualityRule.Action strongest = null;
            for (Failure f : failures) {
                if (strongest == null || rank(f.action()) > rank(strongest)) {
                    strongest = f.action();
                }
            }
            return Optional.ofNullable(strongest);
        }

        /** @return every failure on one line, separated by {@code "; "} */
        public String describe() {
            return String.join("; ", failures.stream().map(Failure::describe).toList());
        }

        private static int rank(QualityRule.Action action) {
            return switch (action) {
                case DROP -> 0;
                case DLQ -> 1;
                case FAIL -> 2;
            };
        }
    }

    /** No rules: every record passes. */
    public static QualityRules none() {
        return new QualityRules(List.of());
    }

    /**
     * Compiles rules against the schema of the records they will see.
     *
     * @param source where the rules were written, for messages (e.g. {@code domains/sales/dataproduct.yaml})
     * @param rules the descriptor's rules
     * @param schema the record schema (a record type)
     * @return the compiled rules
     * @throws QualityRuleException naming every rule that does not compile, with the fix
     */
    public static QualityRules compile(String source, List<QualityRule> rules, Schema schema) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(schema, "schema");
        List<String> problems = new ArrayList<>();
        List<Compiled> compiled = new ArrayList<>();
        for (QualityRule rule : rules) {
            String where = source + ": quality rule '" + rule.name() + "'";
            CelAbstractSyntaxTree ast;
            try {
                ast = COMPILER.compile(rule.expression()).getAst();
            } catch (CelValidationException e) {
                problems.add(where + " does not compile: " + firstLine(e.getMessage())
                        + ". Fix: write a CEL expression over record, e.g. record.amount > 0");
                continue;
            }
            if (ast.getResultType() != SimpleType.BOOL && ast.getResultType() != SimpleType.DYN) {
                problems.add(where + " is of type " + ast.getResultType().name()
                        + ", not bool. Fix: compare or test something, e.g. record.amount > 0");
                continue;
            }
            for (String path : unknownPaths(ast.getExpr(), schema)) {
                problems.add(where + " refers to record." + path + ", which is not a field of "
                        + schema.getFullName() + ". Fix: use one of its fields: "
                        + String.join(
                                ", ",
                                schema.getFields().stream()
                                        .map(Schema.Field::name)
                                        .toList()));
            }
            try {
                compiled.add(new Compiled(rule, RUNTIME.createProgram(ast)));
            } catch (CelEvaluationException e) {
                problems.add(where + " cannot be planned: " + firstLine(e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new QualityRuleException(problems);
        }
        return new QualityRules(compiled);
    }

    /** @return true when there are no rules */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** @return how many rules there are */
    public int size() {
        return rules.size();
    }

    /**
     * Evaluates every rule on a record.
     *
     * @param record the record
     * @return which rules it failed
     */
    public Verdict check(IndexedRecord record) {
        if (rules.isEmpty()) {
            return Verdict.PASSED;
        }
        Map<String, Object> variables = Map.of("record", AvroCelValues.record(record));
        List<Failure> failures = null;
        for (Compiled c : rules) {
            String reason;
            try {
                Object result = c.program().eval(variables);
                reason = Boolean.TRUE.equals(result) ? null : "false";
                if (reason != null && !(result instanceof Boolean)) {
                    reason = "the expression gave " + abbreviate(String.valueOf(result)) + ", not a boolean";
                }
            } catch (CelEvaluationException | RuntimeException e) {
                reason = "cannot be evaluated on this record: " + abbreviate(firstLine(String.valueOf(e.getMessage())));
            }
            if (reason != null) {
                if (failures == null) {
                    failures = new ArrayList<>();
                }
                failures.add(new Failure(
                        c.rule().name(), c.rule().expression(), c.rule().action(), reason));
            }
        }
        return failures == null ? Verdict.PASSED : new Verdict(failures);
    }

    /** @return the {@code record.a.b} paths of the expression that the schema does not have */
    private static List<String> unknownPaths(CelExpr root, Schema schema) {
        List<String> unknown = new ArrayList<>();
        CelNavigableExpr.fromExpr(root).allNodes().forEach(node -> {
            CelExpr expr = node.expr();
            if (expr.getKind() != CelExpr.ExprKind.Kind.SELECT) {
                return;
            }
            boolean outermost = node.parent()
                    .map(p -> p.expr().getKind() != CelExpr.ExprKind.Kind.SELECT
                            || p.expr().select().operand().id() != expr.id())
                    .orElse(true);
            if (!outermost) {
                return;
            }
            List<String> path = new ArrayList<>();
            CelExpr at = expr;
            while (at.getKind() == CelExpr.ExprKind.Kind.SELECT) {
                path.add(0, at.select().field());
                at = at.select().operand();
            }
            if (at.getKind() != CelExpr.ExprKind.Kind.IDENT
                    || !at.ident().name().equals("record")) {
                return;
            }
            String missing = missing(schema, path);
            if (missing != null && !unknown.contains(missing)) {
                unknown.add(missing);
            }
        });
        return unknown;
    }

    /** @return the first prefix of {@code path} the schema lacks, or null when it has it (or cannot tell) */
    private static String missing(Schema schema, List<String> path) {
        Schema at = schema;
        for (int i = 0; i < path.size(); i++) {
            at = nonNull(at);
            if (at.getType() == Schema.Type.MAP) {
                return null;
            }
            if (at.getType() != Schema.Type.RECORD) {
                return null;
            }
            Schema.Field field = at.getField(path.get(i));
            if (field == null) {
                return String.join(".", path.subList(0, i + 1));
            }
            at = field.schema();
        }
        return null;
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL)
                .toList();
        return branches.size() == 1 ? branches.get(0) : schema;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }
}
