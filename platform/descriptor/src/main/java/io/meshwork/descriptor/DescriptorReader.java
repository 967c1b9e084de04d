package io.meshwork.descriptor;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import static java.util.Map.entry;

/**
 * Reads a composed YAML node tree into a {@link ProductDescriptor}, field by field, adding every problem found to a
 * {@link ProblemList} and recording the line of every field present. Scalars are read as the text written and
 * converted here, never through SnakeYAML's implicit types ({@code 1.2} is not a float to us, {@code 2027-01-31} not
 * a timestamp).
 */
final class DescriptorReader {
    static final List<String> ROOT_FIELDS = List.of(
            "id",
            "version",
            "domain",
            "title",
            "description",
            "owner",
            "support",
            "tags",
            "classification",
            "outputPorts",
            "inputPorts",
            "slos",
            "quality",
            "terms",
            "deprecation",
            "policies");
    static final List<String> OWNER_FIELDS = List.of("team", "email");
    static final List<String> SUPPORT_FIELDS = List.of("channel", "url");
    static final List<String> OUTPUT_PORT_FIELDS =
            List.of("topic", "schema", "keySchema", "partitions", "retention", "compatibility", "fieldTags");
    static final List<String> SCHEMA_FIELDS = List.of("path", "class");
    static final List<String> INPUT_PORT_FIELDS = List.of("product", "major", "topic");
    static final List<String> SLO_FIELDS = List.of("freshness", "availability", "throughputPerSecond");
    static final List<String> QUALITY_FIELDS = List.of("name", "expression", "action");
    static final List<String> TERMS_FIELDS = List.of("usage", "limitations");
    static final List<String> DEPRECATION_FIELDS = List.of("successor", "sunset", "reason");

    /** The registry compatibility levels a port may name. */
    static final List<String> COMPATIBILITY_LEVELS = List.of(
            "NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

    static final int MAX_PARTITIONS = 10_000;
    static final int MAX_MAJOR = 999_999_999;

    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            entry("id", "id: sales.orders"),
            entry("version", "version: 1.2.0"),
            entry("domain", "domain: sales"),
            entry("title", "title: Orders"),
            entry("description", "description: Every order placed in the web shop, one record per order."),
            entry("owner", "owner: {team: sales-core, email: sales-core@example.com}"),
            entry("team", "team: sales-core"),
            entry("email", "email: sales-core@example.com"),
            entry("support", "support: {channel: \"#sales-data\", url: https://wiki.example.com/sales}"),
            entry("channel", "channel: \"#sales-data\""),
            entry("url", "url: https://wiki.example.com/sales"),
            entry("tags", "tags: [orders, revenue]"),
            entry("classification", "classification: internal"),
            entry("outputPorts", "outputPorts: [{topic: sales.orders.v1, schema: schemas/order.avsc}]"),
            entry("topic", "topic: sales.orders.v1"),
            entry("schema", "schema: schemas/order.avsc"),
            entry("keySchema", "keySchema: schemas/order-key.avsc"),
            entry("path", "path: schemas/order.avsc"),
            entry("class", "class: io.example.sales.Order"),
            entry("partitions", "partitions: 6"),
            entry("retention", "retention: 7d"),
            entry("compatibility", "compatibility: FULL_TRANSITIVE"),
            entry("fieldTags", "fieldTags: {customerEmail: [pii]}"),
            entry("inputPorts", "inputPorts: [{product: sales.orders, major: 1}, {topic: sales.raw-orders}]"),
            entry("product", "product: sales.orders"),
            entry("major", "major: 1"),
            entry("slos", "slos: {freshness: 5m, availability: 99.9}"),
            entry("freshness", "freshness: 5m"),
            entry("availability", "availability: 99.9"),
            entry("throughputPerSecond", "throughputPerSecond: 100"),
            entry("quality", "quality: [{name: positive-amount, expression: \"record.amount > 0\", action: dlq}]"),
            entry("name", "name: positive-amount"),
            entry("expression", "expression: \"record.amount > 0\""),
            entry("action", "action: dlq"),
            entry("terms", "terms: {usage: Reporting only., limitations: No data before 2024.}"),
            entry("usage", "usage: Reporting only."),
            entry("limitations", "limitations: No data before 2024."),
            entry("deprecation", "deprecation: {successor: sales.orders.v2, sunset: 2027-01-31}"),
            entry("successor", "successor: sales.orders.v2"),
            entry("sunset", "sunset: 2027-01-31"),
            entry("reason", "reason: Amounts become decimals in v2."),
            entry("policies", "policies: {docs.every-field: blocker}"));

    /** Fields whose text may span lines (and hold tabs). */
    private static final Set<String> FREE_TEXT = Set.of("description", "usage", "limitations", "reason", "expression");

    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern SUCCESSOR = Pattern.compile("(.+)\\.v(0|[1-9][0-9]{0,8})");

    private final ProblemList problems;
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    DescriptorReader(ProblemList problems) {
        this.problems = problems;
    }

    /** @return the 1-based line of every field path read */
    Map<String, Integer> lines() {
        return lines;
    }

    /** @return the descriptor, or null when problems were found */
    ProductDescriptor read(Node root) {
        if (!(root instanceof MappingNode)) {
            String got = root instanceof SequenceNode ? "a list" : "a single value";
            problems.add(
                    root.getStartMark(),
                    "",
                    "the descriptor must be a mapping of fields (id: ..., version: ...), but it is " + got,
                    root instanceof SequenceNode
                            ? "remove the leading '- ': write each field at the start of its line, e.g. id:"
                                    + " sales.orders"
                            : "write the descriptor's fields one per line, e.g. id: sales.orders");
            return null;
        }
        Fields f = fields((MappingNode) root, "", ROOT_FIELDS);
        String id = text(f, "id", true);
        String version = version(f);
        String domain = text(f, "domain", true);
        String title = text(f, "title", false);
        String description = text(f, "description", false);
        ProductDescriptor.Owner owner = owner(f);
        ProductDescriptor.Support support = support(f);
        List<String> tags = tags(f.get("tags"), f.path("tags"), "tags");
        Classification classification = choice(f, "classification", Classification.class);
        List<OutputPort> outputPorts = outputPorts(f);
        List<InputPort> inputPorts = inputPorts(f);
        Slos slos = slos(f);
        List<QualityRule> quality = quality(f);
        ProductDescriptor.Terms terms = terms(f);
        Deprecation deprecation = deprecation(f);
        Map<String, PolicySeverity> policies = policies(f);
        if (!problems.isEmpty()) {
            return null;
        }
        return new ProductDescriptor(
                id,
                version,
                domain,
                title == null ? id : title,
                description,
                owner,
                support,
                tags,
                classification,
                outputPorts,
                inputPorts,
                slos,
                quality,
                terms,
                deprecation,
                policies);
    }

    // ---- objects

    private String version(Fields f) {
        String version = text(f, "version", true);
        if (version == null || SemanticVersion.isValid(version)) {
            return version;
        }
        String fix = version.matches("[0-9]+(\\.[0-9]+)?")
                ? "write all three numbers, e.g. version: " + version + (version.contains(".") ? ".0" : ".0.0")
                        + (f.get("version") instanceof ScalarNode s && !Tag.STR.equals(s.getTag())
                                ? " (YAML reads " + version + " as a number; MAJOR.MINOR.PATCH is read as text)"
                                : "")
                : version.matches("[vV][0-9].*") && SemanticVersion.isValid(version.substring(1))
                        ? "drop the 'v': version: " + version.substring(1)
                        : "write MAJOR.MINOR.PATCH with whole numbers and no leading zeros, e.g. version: 1.2.0";
        problem(
                f.get("version"),
                f.path("version"),
                "expected a version MAJOR.MINOR.PATCH, got " + quote(version),
                fix);
        return null;
    }

    private ProductDescriptor.Owner owner(Fields parent) {
        Fields f = object(parent, "owner", OWNER_FIELDS);
        if (f == null) {
            return null;
        }
        String team = text(f, "team", true);
        String email = text(f, "email", true);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problem(
                    f.get("email"),
                    f.path("email"),
                    quote(email) + " does not look like an email address",
                    "write the team's address, e.g. " + EXAMPLES.get("email"));
            return null;
        }
        return team == null || email == null ? null : new ProductDescriptor.Owner(team, email);
    }

    private ProductDescriptor.Support support(Fields parent) {
        Fields f = object(parent, "support", SUPPORT_FIELDS);
        if (f == null) {
            return null;
        }
        String channel = text(f, "channel", false);
        String url = text(f, "url", false);
        if (url != null && !isWebAddress(url)) {
            problem(
                    f.get("url"),
                    f.path("url"),
                    quote(url) + " is not an http(s) address",
                    "write a full web address starting with https:// or http://, e.g. " + EXAMPLES.get("url"));
            return null;
        }
        if (f.present.isEmpty()) {
            emptyObject(f, "channel or url");
            return null;
        }
        return channel == null && url == null ? null : new ProductDescriptor.Support(channel, url);
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null
                    && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    && uri.getHost() != null
                    && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private List<OutputPort> outputPorts(Fields f) {
        Node node = f.require("outputPorts");
        SequenceNode list = sequence(node, f.path("outputPorts"), "outputPorts", "a list of output ports");
        if (list == null) {
            return List.of();
        }
        if (list.getValue().isEmpty()) {
            problem(
                    list,
                    f.path("outputPorts"),
                    "a product needs at least one output port",
                    "list the topic the product writes, e.g. " + EXAMPLES.get("outputPorts"));
            return List.of();
        }
        List<OutputPort> ports = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String path = f.path("outputPorts") + "[" + i + "]";
            Node item = list.getValue().get(i);
            lines.put(path, line(item));
            Fields port = fields(item, path, OUTPUT_PORT_FIELDS, "an output port", "outputPorts");
            if (port != null) {
                OutputPort p = outputPort(port);
                if (p != null) {
                    ports.add(p);
                }
            }
        }
        return ports;
    }

    private OutputPort outputPort(Fields f) {
        String topic = text(f, "topic", true);
        SchemaSource schema = schemaSource(f, "schema", f.require("schema"));
        SchemaSource keySchema = schemaSource(f, "keySchema", f.get("keySchema"));
        Integer partitions = integer(f, "partitions", 1, MAX_PARTITIONS);
        Duration retention = duration(f, "retention", true);
        String compatibility = compatibility(f);
        Map<String, List<String>> fieldTags = fieldTags(f);
        if (topic == null || schema == null) {
            return null;
        }
        return new OutputPort(topic, schema, keySchema, partitions, retention, compatibility, fieldTags);
    }

    private SchemaSource schemaSource(Fields parent, String key, Node node) {
        if (node == null) {
            return null;
        }
        String path = parent.path(key);
        if (node instanceof MappingNode) {
            Fields f = fields(node, path, SCHEMA_FIELDS, "a schema source", key);
            if (f == null) {
                return null;
            }
            String file = text(f, "path", false);
            String className = text(f, "class", false);
            boolean hasPath = f.present.containsKey("path");
            boolean hasClass = f.present.containsKey("class");
            if (hasPath == hasClass) {
                problem(
                        node,
                        path,
                        hasPath
                                ? "a schema is either a path or a class, not both"
                                : "a schema needs either a path or a class",
                        "write " + key + ": {path: schemas/order.avsc} or " + key
                                + ": {class: io.example.sales.Order}");
                return null;
            }
            if (className != null && !CLASS_NAME.matcher(className).matches()) {
                problem(
                        f.get("class"),
                        f.path("class"),
                        quote(className) + " is not a Java class name",
                        "write the generated class's fully qualified name, e.g. " + EXAMPLES.get("class"));
                return null;
            }
            if (file != null) {
                return SchemaSource.ofPath(file);
            }
            return className == null ? null : SchemaSource.ofClass(className);
        }
        String value = scalarText(node, path, key, "an .avsc path or a generated class name", false);
        if (value == null) {
            return null;
        }
        if (value.toLowerCase(Locale.ROOT).endsWith(".avsc")) {
            return SchemaSource.ofPath(value);
        }
        if (CLASS_NAME.matcher(value).matches()) {
            return SchemaSource.ofClass(value);
        }
        problem(
                node,
                path,
                quote(value) + " is neither an .avsc path nor a generated class name",
                "point to an Avro schema file ending in .avsc, e.g. " + key + ": schemas/order.avsc, name a"
                        + " generated class, e.g. " + key + ": io.example.sales.Order, or use the long form " + key
                        + ": {path: ...}");
        return null;
    }

    private String compatibility(Fields f) {
        String value = text(f, "compatibility", false);
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (COMPATIBILITY_LEVELS.contains(upper)) {
            return upper;
        }
        Optional<String> near = DidYouMean.closest(value, COMPATIBILITY_LEVELS);
        problem(
                f.get("compatibility"),
                f.path("compatibility"),
                "unknown compatibility level " + quote(value),
                near.map(n -> "did you mean '" + n + "'? The levels are ").orElse("use one of ")
                        + String.join(", ", COMPATIBILITY_LEVELS));
        return null;
    }

    private Map<String, List<String>> fieldTags(Fields parent) {
        Node node = parent.get("fieldTags");
        if (node == null) {
            return Map.of();
        }
        String path = parent.path("fieldTags");
        MappingNode map = mapping(node, path, "fieldTags", "a mapping of field paths to tags");
        if (map == null) {
            return Map.of();
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : entries(map, path).entrySet()) {
            String field = e.getKey();
            String fieldPath = path + "." + field;
            if (!FIELD_PATH.matcher(field).matches()) {
                problems.add(
                        e.getValue().getKeyNode().getStartMark(),
                        fieldPath,
                        quote(field) + " is not a field path",
                        "write the field's name, dotted from the root record, e.g. customer.email: [pii]");
                continue;
            }
            List<String> tags = tags(e.getValue().getValueNode(), fieldPath, "fieldTags");
            if (tags != null && tags.isEmpty()) {
                problem(
                        e.getValue().getValueNode(),
                        fieldPath,
                        "no tags given for field " + quote(field),
                        "list at least one tag, e.g. " + field + ": [pii], or remove the line");
            } else if (tags != null) {
                result.put(field, tags);
            }
        }
        return result;
    }

    private List<InputPort> inputPorts(Fields f) {
        SequenceNode list = sequence(f.get("inputPorts"), f.path("inputPorts"), "inputPorts", "a list of input ports");
        if (list == null) {
            return List.of();
        }
        List<InputPort> ports = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String path = f.path("inputPorts") + "[" + i + "]";
            Node item = list.getValue().get(i);
            lines.put(path, line(item));
            Fields port = fields(item, path, INPUT_PORT_FIELDS, "an input port", "inputPorts");
            if (port != null) {
                InputPort p = inputPort(port);
                if (p != null) {
                    ports.add(p);
                }
            }
        }
        return ports;
    }

    private InputPort inputPort(Fields f) {
        String product = text(f, "product", false);
        Integer major = integer(f, "major", 0, MAX_MAJOR);
        String topic = text(f, "topic", false);
        boolean hasProduct = f.present.containsKey("product");
        boolean hasMajor = f.present.containsKey("major");
        boolean hasTopic = f.present.containsKey("topic");
        String both = "write either {product: sales.orders, major: 1} for an upstream data product or {topic:"
                + " sales.raw-orders} for a raw source topic";
        if (hasProduct && hasTopic) {
            problem(f.node, f.path, "an input port is either a product or a topic, not both", both);
            return null;
        }
        if (!hasProduct && !hasTopic) {
            problem(
                    f.node,
                    f.path,
                    hasMajor
                            ? "an input port with a major version needs its product"
                            : "an input port needs a product or a topic",
                    both);
            return null;
        }
        if (hasProduct && !hasMajor) {
            problem(
                    f.node,
                    f.path("major"),
                    "an upstream product needs its major version (the v<N> of the topic read)",
                    "add it, e.g. {product: " + (product == null ? "sales.orders" : product) + ", major: 1}");
            return null;
        }
        if (hasTopic && hasMajor) {
            problem(
                    f.get("major"),
                    f.path("major"),
                    "a raw topic input has no major version",
                    "remove major, or name the upstream product instead: {product: sales.orders, major: 1}");
            return null;
        }
        if (hasProduct) {
            return product == null || major == null ? null : new InputPort(product, major, null);
        }
        return topic == null ? null : new InputPort(null, null, topic);
    }

    private Slos slos(Fields parent) {
        Fields f = object(parent, "slos", SLO_FIELDS);
        if (f == null) {
            return null;
        }
        Duration freshness = duration(f, "freshness", false);
        Double availability = decimal(f, "availability", 0, 100, "a percentage above 0 and at most 100");
        Double throughput = decimal(f, "throughputPerSecond", 0, Double.MAX_VALUE, "a number of records above 0");
        if (f.present.isEmpty()) {
            emptyObject(f, "freshness, availability or throughputPerSecond");
            return null;
        }
        if (freshness == null && availability == null && throughput == null) {
            return null;
        }
        return new Slos(freshness, availability, throughput);
    }

    private List<QualityRule> quality(Fields f) {
        SequenceNode list = sequence(f.get("quality"), f.path("quality"), "quality", "a list of quality rules");
        if (list == null) {
            return List.of();
        }
        List<QualityRule> rules = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String path = f.path("quality") + "[" + i + "]";
            Node item = list.getValue().get(i);
            lines.put(path, line(item));
            Fields rule = fields(item, path, QUALITY_FIELDS, "a quality rule", "quality");
            if (rule == null) {
                continue;
            }
            String name = text(rule, "name", true);
            String expression = text(rule, "expression", true);
            QualityRule.Action action = choice(rule, "action", QualityRule.Action.class);
            if (name != null) {
                Integer first = names.putIfAbsent(name, line(rule.get("name")));
                if (first != null) {
                    problem(
                            rule.get("name"),
                            rule.path("name"),
                            "quality rule " + quote(name) + " is already defined on line " + first,
                            "give each rule its own name");
                    continue;
                }
            }
            if (name != null && expression != null && (action != null || !rule.present.containsKey("action"))) {
                rules.add(new QualityRule(name, expression, action == null ? QualityRule.Action.DLQ : action));
            }
        }
        return rules;
    }

    private ProductDescriptor.Terms terms(Fields parent) {
        Fields f = object(parent, "terms", TERMS_FIELDS);
        if (f == null) {
            return null;
        }
        String usage = text(f, "usage", false);
        String limitations = text(f, "limitations", false);
        if (f.present.isEmpty()) {
            emptyObject(f, "usage or limitations");
            return null;
        }
        return usage == null && limitations == null ? null : new ProductDescriptor.Terms(usage, limitations);
    }

    private Deprecation deprecation(Fields parent) {
        Fields f = object(parent, "deprecation", DEPRECATION_FIELDS);
        if (f == null) {
            return null;
        }
        String successor = text(f, "successor", false);
        LocalDate sunset = date(f, "sunset");
        String reason = text(f, "reason", false);
        String successorProduct = null;
        Integer successorMajor = null;
        if (successor != null) {
            Matcher m = SUCCESSOR.matcher(successor);
            if (!m.matches()) {
                problem(
                        f.get("successor"),
                        f.path("successor"),
                        "expected the successor as <product id>.v<major>, got " + quote(successor),
                        "name the product and major version to move to, e.g. " + EXAMPLES.get("successor"));
                return null;
            }
            successorProduct = m.group(1);
            successorMajor = Integer.parseInt(m.group(2));
        }
        return sunset == null ? null : new Deprecation(successorProduct, successorMajor, sunset, reason);
    }

    private LocalDate date(Fields f, String key) {
        Node node = f.require(key);
        String value = scalarText(node, f.path(key), key, "a date", false);
        if (value == null) {
            return null;
        }
        if (DATE.matcher(value).matches()) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                problem(
                        node,
                        f.path(key),
                        quote(value) + " is not a day of the calendar",
                        "write a real date as YYYY-MM-DD, e.g. " + EXAMPLES.get(key));
                return null;
            }
        }
        problem(
                node,
                f.path(key),
                "expected a date YYYY-MM-DD, got " + quote(value),
                "write the day only, as YYYY-MM-DD, e.g. " + EXAMPLES.get(key));
        return null;
    }

    private Map<String, PolicySeverity> policies(Fields parent) {
        Node node = parent.get("policies");
        if (node == null) {
            return Map.of();
        }
        String path = parent.path("policies");
        MappingNode map = mapping(node, path, "policies", "a mapping of policy ids to severities");
        if (map == null) {
            return Map.of();
        }
        Map<String, PolicySeverity> result = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : entries(map, path).entrySet()) {
            String policyPath = path + "." + e.getKey();
            PolicySeverity severity =
                    choice(e.getValue().getValueNode(), policyPath, "policies", e.getKey(), PolicySeverity.class);
            if (severity != null) {
                result.put(e.getKey(), severity);
            }
        }
        return result;
    }

    private List<String> tags(Node node, String path, String key) {
        if (node == null) {
            return List.of();
        }
        SequenceNode list = sequence(node, path, key, "a list of tags");
        if (list == null) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.getValue().size(); i++) {
            String itemPath = path + "[" + i + "]";
            Node item = list.getValue().get(i);
            lines.put(itemPath, line(item));
            String tag = scalarText(item, itemPath, key, "a tag", false);
            if (tag == null) {
                ok = false;
            } else {
                tags.add(tag.toLowerCase(Locale.ROOT));
            }
        }
        return ok ? tags : null;
    }

    // ---- values

    /** Reads a text field; {@code required} reports a missing field. */
    private String text(Fields f, String key, boolean required) {
        Node node = required ? f.require(key) : f.get(key);
        return scalarText(node, f.path(key), key, "text", FREE_TEXT.contains(key));
    }

    /**
     * @param what what was expected, for messages ("text", "a date")
     * @return the non-blank text of a scalar, or null when absent or wrong (then reported)
     */
    private String scalarText(Node node, String path, String key, String what, boolean multiLine) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, path, "expected " + what + ", got " + describe(node), "write it as " + example(key));
            return null;
        }
        if (!checkTag(scalar, path)) {
            return null;
        }
        String value = scalar.getValue();
        if (Tag.NULL.equals(scalar.getTag())) {
            problem(node, path, "has no value", "give it a value, e.g. " + example(key) + ", or remove the field");
            return null;
        }
        if (value.isBlank()) {
            problem(node, path, "must not be blank", "give it a value, e.g. " + example(key) + ", or remove the field");
            return null;
        }
        int bad = CharacterRules.firstForbidden(value, multiLine);
        if (bad >= 0) {
            problem(
                    node,
                    path,
                    "contains the character " + CharacterRules.describe(bad) + ", which is not allowed here",
                    multiLine
                            ? "remove it; free text may hold letters, symbols, spaces, tabs and line breaks"
                            : "remove it; this field is a single line of visible text");
            return null;
        }
        return value;
    }

    private Integer integer(Fields f, String key, int min, int max) {
        Node node = f.get(key);
        if (node == null) {
            return null;
        }
        String path = f.path(key);
        String expected = "expected a whole number between " + min + " and " + max;
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, path, expected + ", got " + describe(node), "write it as " + example(key));
            return null;
        }
        if (!checkTag(scalar, path)) {
            return null;
        }
        String value = scalar.getValue();
        boolean digits = WHOLE_NUMBER.matcher(value).matches();
        if (digits && Tag.STR.equals(scalar.getTag())) {
            problem(
                    node,
                    path,
                    expected + ", got the quoted text " + quote(value),
                    "remove the quotes: " + key + ": " + value);
            return null;
        }
        if (!digits || !(Tag.INT.equals(scalar.getTag()))) {
            problem(
                    node,
                    path,
                    expected + ", got " + describe(node),
                    "write the number in plain decimal digits, e.g. " + example(key));
            return null;
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            number = value.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (number < min || number > max) {
            problem(node, path, expected + ", got " + value, "use a value from " + min + " to " + max);
            return null;
        }
        return (int) number;
    }

    /** Reads a number above {@code low} (exclusive) and at most {@code high}. */
    private Double decimal(Fields f, String key, double low, double high, String range) {
        Node node = f.get(key);
        if (node == null) {
            return null;
        }
        String path = f.path(key);
        String expected = "expected " + range;
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, path, expected + ", got " + describe(node), "write it as " + example(key));
            return null;
        }
        if (!checkTag(scalar, path)) {
            return null;
        }
        String value = scalar.getValue();
        boolean number = DECIMAL.matcher(value).matches();
        if (number && Tag.STR.equals(scalar.getTag())) {
            problem(
                    node,
                    path,
                    expected + ", got the quoted text " + quote(value),
                    "remove the quotes: " + key + ": " + value);
            return null;
        }
        if (!number || !(Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag()))) {
            problem(
                    node,
                    path,
                    expected + ", got " + describe(node),
                    "write a plain decimal number, e.g. " + example(key));
            return null;
        }
        double parsed = Double.parseDouble(value);
        if (!Double.isFinite(parsed) || parsed <= low || parsed > high) {
            problem(node, path, expected + ", got " + value, "write " + range + ", e.g. " + example(key));
            return null;
        }
        return parsed;
    }

    private Duration duration(Fields f, String key, boolean allowInfinite) {
        Node node = f.get(key);
        String value = scalarText(node, f.path(key), key, "a duration", false);
        if (value == null) {
            return null;
        }
        DurationText.Result result = DurationText.parse(value, key, allowInfinite);
        if (result.value() == null) {
            problem(node, f.path(key), result.problem(), result.fix());
        }
        return result.value();
    }

    private <E extends Enum<E>> E choice(Fields f, String key, Class<E> type) {
        return choice(f.get(key), f.path(key), key, key, type);
    }

    /** Reads one of an enum's constants, written in any case. */
    private <E extends Enum<E>> E choice(Node node, String path, String exampleKey, String key, Class<E> type) {
        String value = scalarText(node, path, exampleKey, "one of " + names(type), false);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .toList();
        Optional<String> near = DidYouMean.closest(value, allowed);
        problem(
                node,
                path,
                "unknown " + describeChoice(type, key) + " " + quote(value),
                near.map(n -> "did you mean '" + n + "'? The values are ").orElse("use one of ") + names(type));
        return null;
    }

    private static String describeChoice(Class<?> type, String key) {
        if (type == PolicySeverity.class) {
            return "severity";
        }
        if (type == QualityRule.Action.class) {
            return "action";
        }
        return key;
    }

    private static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    // ---- structure

    /** The fields of one mapping: those present and allowed, by name. */
    private final class Fields {
        final MappingNode node;
        final String path;
        final Map<String, NodeTuple> present;

        Fields(MappingNode node, String path, Map<String, NodeTuple> present) {
            this.node = node;
            this.path = path;
            this.present = present;
        }

        Node get(String name) {
            NodeTuple t = present.get(name);
            return t == null ? null : t.getValueNode();
        }

        String path(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        /** @return the field's value, or null after reporting it missing */
        Node require(String name) {
            Node value = get(name);
            if (value == null) {
                problems.add(
                        node.getStartMark(),
                        path(name),
                        "required field '" + name + "' is missing",
                        "add it, e.g. " + example(name));
            }
            return value;
        }
    }

    /** Reads an optional nested object such as {@code owner}. */
    private Fields object(Fields parent, String key, List<String> allowed) {
        Node node = parent.get(key);
        return node == null ? null : fields(node, parent.path(key), allowed, "a mapping", key);
    }

    private Fields fields(Node node, String path, List<String> allowed, String what, String exampleKey) {
        MappingNode map = mapping(node, path, exampleKey, what);
        return map == null ? null : fields(map, path, allowed);
    }

    private Fields fields(MappingNode map, String path, List<String> allowed) {
        Map<String, NodeTuple> present = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : entries(map, path).entrySet()) {
            String name = e.getKey();
            Node key = e.getValue().getKeyNode();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (allowed.contains(name)) {
                present.put(name, e.getValue());
            } else {
                Optional<String> near = DidYouMean.closest(name, allowed);
                problems.add(
                        key.getStartMark(),
                        fieldPath,
                        "unknown field " + quote(name),
                        near.map(n -> "did you mean '" + n + "'?")
                                .orElse("remove it; the fields allowed here are " + String.join(", ", allowed)));
            }
        }
        return new Fields(map, path, present);
    }

    /**
     * @return the entries of a mapping by key text, in document order; keys that are not text, repeated keys and
     *     merge keys are reported and left out
     */
    private Map<String, NodeTuple> entries(MappingNode map, String path) {
        Map<String, NodeTuple> result = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode scalar)) {
                problem(
                        key,
                        path,
                        "a field name must be plain text, got " + describe(key),
                        "write the field as name: value");
                continue;
            }
            String name = scalar.getValue();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (Tag.MERGE.equals(scalar.getTag())) {
                problem(
                        key,
                        path,
                        "YAML merge keys (<<) are not supported",
                        "write the fields out in full; a descriptor is read by people as much as by tools");
                continue;
            }
            if (!checkTag(scalar, fieldPath)) {
                continue;
            }
            if (name.isBlank() || Tag.NULL.equals(scalar.getTag())) {
                problem(key, path, "a field name must not be empty", "write the field as name: value");
                continue;
            }
            int bad = CharacterRules.firstForbidden(name, false);
            if (bad >= 0) {
                problem(
                        key,
                        path,
                        "a field name contains the character " + CharacterRules.describe(bad),
                        "remove it; field names are visible text on one line");
                continue;
            }
            NodeTuple first = result.get(name);
            if (first != null) {
                problem(
                        key,
                        fieldPath,
                        "field " + quote(name) + " is given twice (first on line " + line(first.getKeyNode()) + ")",
                        "keep one of them and remove the other");
                continue;
            }
            result.put(name, tuple);
            lines.put(fieldPath, line(key));
        }
        return result;
    }

    private MappingNode mapping(Node node, String path, String key, String what) {
        if (node == null) {
            return null;
        }
        if (node instanceof MappingNode map) {
            if (!Tag.MAP.equals(map.getTag())) {
                unsupportedTag(node, path);
                return null;
            }
            return map;
        }
        problem(node, path, "expected " + what + ", got " + describe(node), "write it as " + example(key));
        return null;
    }

    private SequenceNode sequence(Node node, String path, String key, String what) {
        if (node == null) {
            return null;
        }
        if (node instanceof SequenceNode list) {
            if (!Tag.SEQ.equals(list.getTag())) {
                unsupportedTag(node, path);
                return null;
            }
            return list;
        }
        problem(node, path, "expected " + what + ", got " + describe(node), "write it as " + example(key));
        return null;
    }

    /** Only YAML's standard types are read; an explicit tag such as {@code !!binary} or {@code !custom} is not. */
    private boolean checkTag(ScalarNode scalar, String path) {
        if (SCALAR_TAGS.contains(scalar.getTag())) {
            return true;
        }
        unsupportedTag(scalar, path);
        return false;
    }

    private void unsupportedTag(Node node, String path) {
        problem(
                node,
                path,
                "the YAML tag " + quote(node.getTag().getValue()) + " is not supported",
                "remove the tag (the '!...' before the value)");
    }

    private void emptyObject(Fields f, String expected) {
        problem(
                f.node,
                f.path,
                "is empty",
                "give " + expected + ", e.g. " + example(lastSegment(f.path)) + ", or remove the field");
    }

    // ---- helpers

    private void problem(Node node, String path, String message, String fix) {
        Mark mark = node == null ? null : node.getStartMark();
        problems.add(mark, path, message, fix);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String example(String key) {
        return EXAMPLES.getOrDefault(key, key + ": ...");
    }

    private static String lastSegment(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String quote(String value) {
        return ProblemList.quote(value);
    }

    /** @return how a node reads in a message: "a list", "a mapping", "no value" or the quoted text */
    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        if (Tag.NULL.equals(scalar.getTag())) {
            return "no value";
        }
        return quote(scalar.getValue());
    }
}
