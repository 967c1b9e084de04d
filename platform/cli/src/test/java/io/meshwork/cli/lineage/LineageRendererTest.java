package io.meshwork.cli.lineage;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineageRendererTest {
    /** A raw topic feeding orders, read by revenue (a product) and by a plain consumer; revenue also reads carts. */
    private static LineageGraph mesh() {
        return new LineageGraph(
                List.of(
                        new LineageGraph.Node("topic:sales.raw-orders", "topic", null, null, null),
                        new LineageGraph.Node("sales.orders.v1", "product", "sales.orders", 1, "ACTIVE"),
                        new LineageGraph.Node("sales.carts.v1", "product", "sales.carts", 1, null),
                        new LineageGraph.Node("finance.revenue.v1", "product", "finance.revenue", 1, "DRAFT"),
                        new LineageGraph.Node("consumer:User:bi", "consumer", null, null, null)),
                List.of(
                        new LineageGraph.Edge("topic:sales.raw-orders", "sales.orders.v1", "input"),
                        new LineageGraph.Edge("sales.orders.v1", "finance.revenue.v1", "subscription"),
                        new LineageGraph.Edge("sales.orders.v1", "consumer:User:bi", "subscription"),
                        new LineageGraph.Edge("sales.carts.v1", "finance.revenue.v1", "input")));
    }

    @Test
    void shouldDrawATreeFromEachSourceAndMarkWhatWasShownAbove() {
        assertThat(LineageRenderer.tree(mesh()))
                .isEqualTo(
                        """
                        sales.carts.v1  (not in the catalog)
                        └── finance.revenue.v1  DRAFT
                        topic sales.raw-orders
                        └── sales.orders.v1  ACTIVE
                            ├── consumer User:bi  (subscription)
                            └── finance.revenue.v1  DRAFT  (subscription)
                        """);
    }

    @Test
    void shouldPrintASubtreeOnceAndPointBackToItTheSecondTime() {
        LineageGraph graph = new LineageGraph(
                List.of(
                        new LineageGraph.Node("a.a.v1", "product", "a.a", 1, "ACTIVE"),
                        new LineageGraph.Node("b.b.v1", "product", "b.b", 1, "ACTIVE"),
                        new LineageGraph.Node("c.c.v1", "product", "c.c", 1, "ACTIVE"),
                        new LineageGraph.Node("d.d.v1", "product", "d.d", 1, "ACTIVE")),
                List.of(
                        new LineageGraph.Edge("a.a.v1", "c.c.v1", "input"),
                        new LineageGraph.Edge("b.b.v1", "c.c.v1", "input"),
                        new LineageGraph.Edge("c.c.v1", "d.d.v1", "input")));

        assertThat(LineageRenderer.tree(graph))
                .isEqualTo(
                        """
                        a.a.v1  ACTIVE
                        └── c.c.v1  ACTIVE
                            └── d.d.v1  ACTIVE
                        b.b.v1  ACTIVE
                        └── c.c.v1  ACTIVE  (see above)
                        """);
    }

    @Test
    void shouldEndACycleInsteadOfLoopingForever() {
        LineageGraph graph = new LineageGraph(
                List.of(
                        new LineageGraph.Node("a.a.v1", "product", "a.a", 1, "ACTIVE"),
                        new LineageGraph.Node("b.b.v1", "product", "b.b", 1, "ACTIVE")),
                List.of(
                        new LineageGraph.Edge("a.a.v1", "b.b.v1", "input"),
                        new LineageGraph.Edge("b.b.v1", "a.a.v1", "input")));

        assertThat(LineageRenderer.tree(graph))
                .isEqualTo(
                        """
                        a.a.v1  ACTIVE
                        └── b.b.v1  ACTIVE
                            └── a.a.v1  ACTIVE  (cycle)
                        """);
    }

    @Test
    void shouldSaySoWhenThereIsNoLineage() {
        assertThat(LineageRenderer.tree(new LineageGraph(List.of(), List.of())))
                .isEqualTo("(no lineage: the catalog has no products yet)\n");
    }

    @Test
    void shouldRenderGraphvizDotWithShapesByKindAndDashedSubscriptions() {
        assertThat(LineageRenderer.dot(mesh()))
                .isEqualTo(
                        """
                        digraph lineage {
                          rankdir=LR;
                          node [fontname="Helvetica", fontsize=11];
                          edge [fontname="Helvetica", fontsize=9];
                          "consumer:User:bi" [label="User:bi\\n(consumer)", shape=ellipse];
                          "finance.revenue.v1" [label="finance.revenue.v1\\nDRAFT", shape=box, style=rounded];
                          "sales.carts.v1" [label="sales.carts.v1\\nnot in the catalog", shape=box, style=rounded];
                          "sales.orders.v1" [label="sales.orders.v1\\nACTIVE", shape=box, style=rounded];
                          "topic:sales.raw-orders" [label="sales.raw-orders\\n(raw topic)", shape=cylinder];
                          "sales.carts.v1" -> "finance.revenue.v1" [label="input"];
                          "sales.orders.v1" -> "consumer:User:bi" [label="subscription", style=dashed];
                          "sales.orders.v1" -> "finance.revenue.v1" [label="subscription", style=dashed];
                          "topic:sales.raw-orders" -> "sales.orders.v1" [label="input"];
                        }
                        """);
    }

    @Test
    void shouldQuoteDotIdsThatHoldQuotes() {
        LineageGraph graph = new LineageGraph(
                List.of(new LineageGraph.Node("consumer:User:\"x\"", "consumer", null, null, null)), List.of());

        assertThat(LineageRenderer.dot(graph))
                .contains("\"consumer:User:\\\"x\\\"\" [label=\"User:\\\"x\\\"\\n(consumer)\"");
    }

    @Test
    void shouldRenderAMermaidFlowchart() {
        assertThat(LineageRenderer.mermaid(mesh()))
                .isEqualTo(
                        """
                        flowchart LR
                          n0(["User:bi<br/>consumer"])
                          n1("finance.revenue.v1<br/>DRAFT")
                          n2("sales.carts.v1<br/>not in the catalog")
                          n3("sales.orders.v1<br/>ACTIVE")
                          n4[("sales.raw-orders<br/>raw topic")]
                          n2 -->|input| n1
                          n3 -.->|subscription| n0
                          n3 -.->|subscription| n1
                          n4 -->|input| n3
                        """);
    }

    @Test
    void shouldEscapeMermaidLabels() {
        LineageGraph graph = new LineageGraph(
                List.of(new LineageGraph.Node("consumer:a\"b|c<d>", "consumer", null, null, null)), List.of());

        assertThat(LineageRenderer.mermaid(graph)).contains("a#quot;b#124;c#lt;d#gt;");
    }
}
