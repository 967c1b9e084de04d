package io.meshwork.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.meshwork.descriptor.InputPort;
import io.meshwork.descriptor.ProductDescriptor;

/**
 * How data flows through the mesh: product topics (one node per major version), raw source topics and consumers that
 * are not products, linked by input ports (what a product reads) and granted subscriptions (who reads a product).
 *
 * @param nodes every node, sorted by id
 * @param edges every edge, sorted by source then target
 */
public record LineageGraph(List<Node> nodes, List<Edge> edges) {

    /**
     * A node.
     *
     * @param id {@code <product>.v<major>} for a product topic, {@code topic:<name>} for a raw source topic, {@code
     *     consumer:<principal>} for a consumer that is not a product
     * @param kind {@code product}, {@code topic} or {@code consumer}
     * @param productId the product, for product nodes; null otherwise
     * @param major the major version, for product nodes; null otherwise
     * @param status the lifecycle status, for product nodes; null otherwise (also for upstream products the catalog
     *     does not know)
     */
    public record Node(String id, String kind, String productId, Integer major, String status) {}

    /**
     * An edge: data flows from {@code from} to {@code to}.
     *
     * @param from the node data comes from
     * @param to the node data goes to
     * @param kind {@code input} (a declared input port) or {@code subscription} (a granted subscription)
     */
    public record Edge(String from, String to, String kind) {}

    /** @return the whole mesh's lineage */
    public static LineageGraph of(List<ProductView> products) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        Set<Edge> edges = new LinkedHashSet<>();
        Map<String, ProductView> byId = new LinkedHashMap<>();
        for (ProductView p : products) {
            byId.put(p.id(), p);
        }
        for (ProductView p : products) {
            for (ProductView.Line line : p.lines()) {
                String id = p.id() + ".v" + line.major();
                nodes.put(
                        id,
                        new Node(
                                id,
                                "product",
                                p.id(),
                                line.major(),
                                line.status().name()));
                descriptorOf(p, line).ifPresent(d -> {
                    for (InputPort in : d.inputPorts()) {
                        String from;
                        if (in.isProduct()) {
                            from = in.product() + ".v" + in.major();
                            ProductView upstream = byId.get(in.product());
                            String status = upstream == null
                                    ? null
                                    : upstream.line(in.major())
                                            .map(l -> l.status().name())
                                            .orElse(null);
                            nodes.putIfAbsent(from, new Node(from, "product", in.product(), in.major(), status));
                        } else {
                            from = "topic:" + in.topic();
                            nodes.putIfAbsent(from, new Node(from, "topic", null, null, null));
                        }
                        edges.add(new Edge(from, id, "input"));
                    }
                });
            }
            for (SubscriptionView s : p.subscriptions()) {
                if (s.status() != SubscriptionStatus.GRANTED) {
                    continue;
                }
                String from = p.id() + ".v" + s.major();
                String to;
                ProductView consumer = s.consumerProductId() == null ? null : byId.get(s.consumerProductId());
                if (consumer != null && !consumer.lines().isEmpty()) {
                    ProductView.Line newest =
                            consumer.lines().get(consumer.lines().size() - 1);
                    to = consumer.id() + ".v" + newest.major();
                } else {
                    to = "consumer:" + s.consumer();
                    nodes.putIfAbsent(to, new Node(to, "consumer", null, null, null));
                }
                edges.add(new Edge(from, to, "subscription"));
            }
        }
        return sorted(nodes.values(), edges);
    }

    private static Optional<ProductDescriptor> descriptorOf(ProductView p, ProductView.Line line) {
        String version = line.activeVersion() != null ? line.activeVersion() : line.proposedVersion();
        return p.version(version).map(ProductView.Version::descriptor);
    }

    private static LineageGraph sorted(Iterable<Node> nodes, Set<Edge> edges) {
        List<Node> n = new ArrayList<>();
        nodes.forEach(n::add);
        n.sort(Comparator.comparing(Node::id));
        List<Edge> e = new ArrayList<>(edges);
        e.sort(Comparator.comparing(Edge::from).thenComparing(Edge::to).thenComparing(Edge::kind));
        return new LineageGraph(List.copyOf(n), List.copyOf(e));
    }

    /**
     * @param productId a product
     * @return the part of the graph connected to the product's nodes: everything upstream of it and everything
     *     downstream, transitively
     */
    public LineageGraph around(String productId) {
        Set<String> start = new HashSet<>();
        for (Node node : nodes) {
            if (productId.equals(node.productId())) {
                start.add(node.id());
            }
        }
        Set<String> keep = new HashSet<>(start);
        keep.addAll(reach(start, true));
        keep.addAll(reach(start, false));
        return sorted(
                nodes.stream().filter(n -> keep.contains(n.id())).toList(),
                new LinkedHashSet<>(edges.stream()
                        .filter(e -> keep.contains(e.from()) && keep.contains(e.to()))
                        .toList()));
    }

    private Set<String> reach(Set<String> start, boolean downstream) {
        Set<String> seen = new HashSet<>(start);
        Deque<String> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            String at = todo.pop();
            for (Edge e : edges) {
                String next =
                        downstream ? (e.from().equals(at) ? e.to() : null) : (e.to().equals(at) ? e.from() : null);
                if (next != null && seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }
}
