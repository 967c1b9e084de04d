package io.meshwork.cli.lineage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link LineageGraph} as a text tree (data flowing downwards from the sources), as Graphviz DOT, or as a
 * Mermaid flowchart. The renderings are deterministic: the same graph always gives the same text.
 */
public final class LineageRenderer {
    private LineageRenderer() {}

    /**
     * A tree per source (a node nothing flows into), each node followed by what reads it. A node reached a second
     * time is printed once more with {@code (see above)} instead of its subtree; a cycle ends with {@code (cycle)}.
     *
     * @param graph the graph
     * @return the tree, one node per line, or a sentence when the graph is empty
     */
    public static String tree(LineageGraph graph) {
        if (graph.nodes().isEmpty()) {
            return "(no lineage: the catalog has no products yet)\n";
        }
        Map<String, LineageGraph.Node> byId = nodes(graph);
        Map<String, List<LineageGraph.Edge>> out = new HashMap<>();
        Set<String> hasInput = new HashSet<>();
        for (LineageGraph.Edge e : graph.edges()) {
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            hasInput.add(e.to());
        }
        StringBuilder text = new StringBuilder();
        Set<String> printed = new HashSet<>();
        for (LineageGraph.Node n : graph.nodes()) {
            if (!hasInput.contains(n.id())) {
                walk(text, n.id(), null, "", "", byId, out, printed, new HashSet<>());
            }
        }
        // whatever sits only on cycles has no source: start from its smallest id
        for (LineageGraph.Node n : graph.nodes()) {
            if (!printed.contains(n.id())) {
                walk(text, n.id(), null, "", "", byId, out, printed, new HashSet<>());
            }
        }
        return text.toString();
    }

    private static void walk(
            StringBuilder text,
            String id,
            LineageGraph.Edge via,
            String firstPrefix,
            String restPrefix,
            Map<String, LineageGraph.Node> byId,
            Map<String, List<LineageGraph.Edge>> out,
            Set<String> printed,
            Set<String> path) {
        text.append(firstPrefix).append(label(byId.get(id), id));
        if (via != null && !"input".equals(via.kind())) {
            text.append("  (").append(via.kind()).append(')');
        }
        if (path.contains(id)) {
            text.append("  (cycle)\n");
            return;
        }
        if (!printed.add(id)) {
            boolean leaf = out.getOrDefault(id, List.of()).isEmpty();
            text.append(leaf ? "\n" : "  (see above)\n");
            return;
        }
        text.append('\n');
        path.add(id);
        List<LineageGraph.Edge> children = out.getOrDefault(id, List.of());
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            walk(
                    text,
                    children.get(i).to(),
                    children.get(i),
                    restPrefix + (last ? "└── " : "├── "),
                    restPrefix + (last ? "    " : "│   "),
                    byId,
                    out,
                    printed,
                    path);
        }
        path.remove(id);
    }

    private static String label(LineageGraph.Node node, String id) {
        if (node == null) {
            return id;
        }
        return switch (node.kind()) {
            case LineageGraph.TOPIC -> "topic " + node.name();
            case LineageGraph.CONSUMER -> "consumer " + node.name();
            default -> node.id() + "  " + (node.status() == null ? "(not in the catalog)" : node.status());
        };
    }

    /**
     * @param graph the graph
     * @return a Graphviz digraph, left to right: products as boxes, raw topics as cylinders, consumers as ellipses;
     *     subscriptions dashed. Render with {@code dot -Tsvg}.
     */
    public static String dot(LineageGraph graph) {
        StringBuilder text = new StringBuilder("digraph lineage {\n");
        text.append("  rankdir=LR;\n");
        text.append("  node [fontname=\"Helvetica\", fontsize=11];\n");
        text.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (LineageGraph.Node n : graph.nodes()) {
            String shape;
            String label;
            switch (n.kind()) {
                case LineageGraph.TOPIC -> {
                    shape = "shape=cylinder";
                    label = n.name() + "\\n(raw topic)";
                }
                case LineageGraph.CONSUMER -> {
                    shape = "shape=ellipse";
                    label = n.name() + "\\n(consumer)";
                }
                default -> {
                    shape = "shape=box, style=rounded";
                    label = n.id() + "\\n" + (n.status() == null ? "not in the catalog" : n.status());
                }
            }
            text.append("  ")
                    .append(dotId(n.id()))
                    .append(" [label=")
                    .append(dotLabel(label))
                    .append(", ")
                    .append(shape)
                    .append("];\n");
        }
        for (LineageGraph.Edge e : graph.edges()) {
            text.append("  ")
                    .append(dotId(e.from()))
                    .append(" -> ")
                    .append(dotId(e.to()))
                    .append(" [label=")
                    .append(dotId(e.kind()))
                    .append("input".equals(e.kind()) ? "" : ", style=dashed")
                    .append("];\n");
        }
        return text.append("}\n").toString();
    }

    private static String dotId(String id) {
        return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A label may carry {@code \n} line breaks, which stay escapes; everything else is quoted like an id. */
    private static String dotLabel(String label) {
        String[] lines = label.split("\\\\n", -1);
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                s.append("\\n");
            }
            s.append(lines[i].replace("\\", "\\\\").replace("\"", "\\\""));
        }
        return s.append('"').toString();
    }

    /**
     * @param graph the graph
     * @return a Mermaid flowchart, left to right (paste into Markdown as a {@code mermaid} code block): products as
     *     rounded boxes, raw topics as cylinders, consumers as stadiums; subscriptions dotted
     */
    public static String mermaid(LineageGraph graph) {
        StringBuilder text = new StringBuilder("flowchart LR\n");
        Map<String, String> ids = new LinkedHashMap<>();
        for (LineageGraph.Node n : graph.nodes()) {
            String id = "n" + ids.size();
            ids.put(n.id(), id);
            String shape =
                    switch (n.kind()) {
                        case LineageGraph.TOPIC -> "[(\"" + mermaidText(n.name()) + "<br/>raw topic\")]";
                        case LineageGraph.CONSUMER -> "([\"" + mermaidText(n.name()) + "<br/>consumer\"])";
                        default ->
                            "(\"" + mermaidText(n.id()) + "<br/>"
                                    + (n.status() == null ? "not in the catalog" : n.status()) + "\")";
                    };
            text.append("  ").append(id).append(shape).append('\n');
        }
        for (LineageGraph.Edge e : graph.edges()) {
            String from = ids.computeIfAbsent(e.from(), k -> "n" + ids.size());
            String to = ids.computeIfAbsent(e.to(), k -> "n" + ids.size());
            String arrow = "input".equals(e.kind()) ? " -->" : " -.->";
            text.append("  ")
                    .append(from)
                    .append(arrow)
                    .append("|")
                    .append(mermaidText(e.kind()))
                    .append("| ")
                    .append(to)
                    .append('\n');
        }
        return text.toString();
    }

    private static String mermaidText(String text) {
        return text.replace("\"", "#quot;")
                .replace("|", "#124;")
                .replace("<", "#lt;")
                .replace(">", "#gt;");
    }

    private static Map<String, LineageGraph.Node> nodes(LineageGraph graph) {
        Map<String, LineageGraph.Node> byId = new HashMap<>();
        for (LineageGraph.Node n : graph.nodes()) {
            byId.put(n.id(), n);
        }
        return byId;
    }
}
