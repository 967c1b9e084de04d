package io.meshwork.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.cli.lineage.LineageGraph;
import io.meshwork.cli.lineage.LineageRenderer;
import io.meshwork.cli.output.OutputFormat;
import io.meshwork.cli.platform.PlatformClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl lineage [product]}: where data comes from and where it goes, as a tree, DOT or Mermaid. */
@Command(
        name = "lineage",
        description = "The mesh's lineage (or one product's: everything up- and downstream of it) as a text tree,"
                + " Graphviz DOT or Mermaid.")
final class LineageCommand extends MeshctlCommand {
    @Parameters(arity = "0..1", paramLabel = "PRODUCT", description = "Only what is connected to this product.")
    String product;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = FormatConverter.class,
            completionCandidates = FormatCandidates.class,
            description = "tree (default), dot (Graphviz: pipe into dot -Tsvg) or mermaid.")
    Format format = Format.TREE;

    /** The graph renderings. */
    enum Format {
        TREE,
        DOT,
        MERMAID
    }

    @Override
    int execute(Session session) {
        JsonNode json;
        if (product == null) {
            json = session.platform().get("api/v1/lineage");
        } else {
            Products.checkId(session, product);
            try {
                json = session.platform().get("api/v1/products/" + PlatformClient.segment(product) + "/lineage");
            } catch (MeshctlException e) {
                throw e.exitCode() == ExitCode.NOT_FOUND ? e.withFix(Products.SEARCH_FIX) : e;
            }
        }
        LineageGraph graph = LineageGraph.fromJson(json);
        if (session.output() != OutputFormat.TABLE) {
            session.print(json, out -> {});
            return ExitCode.OK;
        }
        String text =
                switch (format) {
                    case DOT -> LineageRenderer.dot(graph);
                    case MERMAID -> LineageRenderer.mermaid(graph);
                    case TREE -> LineageRenderer.tree(graph);
                };
        session.out().print(text);
        return ExitCode.OK;
    }

    /** {@code tree|dot|mermaid} in any case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a lineage format; use tree, dot or mermaid");
            }
        }
    }

    /** What completion offers for {@code --format}. */
    static final class FormatCandidates extends ArrayList<String> {
        FormatCandidates() {
            super(List.of("tree", "dot", "mermaid"));
        }
    }
}
