package io.meshwork.cli.lineage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The lineage graph as the platform serves it ({@code GET /api/v1/lineage}): product topics, raw source topics and
 * consumers, linked by input ports and granted subscriptions.
 *
 * @param nodes every node, sorted by id
 * @param edges every edge, sorted by source then target
 */
public record LineageGraph(List<Node> nodes, List<Edge> edges) {
    /** The kind of a product topic node. */
    public static final String PRODUCT = "product";
    /** The kind of a raw source topic node. */
    public static final String TOPIC = "topic";
    /** The kind of a consumer that is not a product. */
    public static final String CONSUMER = "consumer";

    /**
     * A node.
     *
     * @param id {@code <product>.v<major>}, {@code topic:<name>} or {@code consumer:<principal>}
     * @param kind {@value #PRODUCT}, {@value #TOPIC} or {@value #CONSUMER}
     * @param productId the product, for product nodes
     * @param major the major version, for product nodes
     * @param status the lifecycle status, for product nodes the catalog knows
     */
    public record Node(String id, String kind, String productId, Integer major, String status) {
        /** @return the name without its kind prefix: {@code sales.raw-orders} for {@code topic:sales.raw-orders} */
        public String name() {
            int colon = id.indexOf(':');
            return !PRODUCT.equals(kind) && colon > 0 ? id.substring(colon + 1) : id;
        }
    }

    /**
     * An edge: data flows from {@code from} to {@code to}.
     *
     * @param from the node data comes from
     * @param to the node data goes to
     * @param kind {@code input} or {@code subscription}
     */
    public record Edge(String from, String to, String kind) {}

    /** Sorts nodes by id and edges by source, target and kind. */
    public LineageGraph {
        nodes = nodes.stream().sorted(Comparator.comparing(Node::id)).toList();
        edges = edges.stream()
                .sorted(Comparator.comparing(Edge::from).thenComparing(Edge::to).thenComparing(Edge::kind))
                .toList();
    }

    /**
     * @param json the platform's lineage document
     * @return the graph
     */
    public static LineageGraph fromJson(JsonNode json) {
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : json.path("nodes")) {
            nodes.add(new Node(
                    n.path("id").asText(),
                    n.path("kind").asText(PRODUCT),
                    text(n, "productId"),
                    n.hasNonNull("major") ? n.get("major").asInt() : null,
                    text(n, "status")));
        }
        List<Edge> edges = new ArrayList<>();
        for (JsonNode e : json.path("edges")) {
            edges.add(new Edge(
                    e.path("from").asText(),
                    e.path("to").asText(),
                    e.path("kind").asText("input")));
        }
        return new LineageGraph(nodes, edges);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
