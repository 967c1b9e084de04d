package io.meshwork.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.cli.platform.PlatformClient;
import picocli.CommandLine.ParameterException;

/** Looking products up in the catalog, and choosing one of their major versions. */
final class Products {
    /** The form of a product id, as the platform checks it. */
    static final Pattern PRODUCT_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}\\.[a-z][a-z0-9-]{0,62}");

    static final String SEARCH_FIX =
            "find it with meshctl products search <words>, or list them with meshctl products list";

    private Products() {}

    /** @return the id, checked; a malformed id is a usage error naming the expected form */
    static String checkId(Session session, String id) {
        if (!PRODUCT_ID.matcher(id).matches()) {
            throw new ParameterException(
                    session.spec().commandLine(),
                    "'" + id + "' is not a product id: use <domain>.<name> in lowercase letters, digits and dashes,"
                            + " e.g. sales.orders");
        }
        return id;
    }

    /** @return the product's detail ({@code GET /api/v1/products/{id}}); unknown → exit 4 with a search hint */
    static JsonNode detail(Session session, String id) {
        checkId(session, id);
        try {
            return session.platform().get("api/v1/products/" + PlatformClient.segment(id));
        } catch (MeshctlException e) {
            throw e.exitCode() == ExitCode.NOT_FOUND ? e.withFix(SEARCH_FIX) : e;
        }
    }

    /**
     * @param product a product's detail
     * @param major the major version asked for, or null for the newest that is not retired (else the newest)
     * @return that major version's line: topic, status, subjects, schema ids
     */
    static JsonNode line(JsonNode product, Integer major) {
        String id = product.at("/summary/id").asText();
        List<JsonNode> lines = new ArrayList<>();
        product.path("lines").forEach(lines::add);
        if (lines.isEmpty()) {
            throw new MeshctlException(
                    ExitCode.NOT_FOUND,
                    id + " has no major version yet",
                    "declare and publish it first (POST /api/v1/products, then /publications)");
        }
        if (major != null) {
            for (JsonNode l : lines) {
                if (l.path("major").asInt() == major) {
                    return l;
                }
            }
            throw new MeshctlException(
                    ExitCode.NOT_FOUND,
                    id + " has no major version " + major,
                    "use one of " + majors(lines) + " (meshctl products show " + id + ")");
        }
        JsonNode best = null;
        for (JsonNode l : lines) {
            if (!"RETIRED".equals(l.path("status").asText())
                    && (best == null
                            || l.path("major").asInt() > best.path("major").asInt())) {
                best = l;
            }
        }
        if (best != null) {
            return best;
        }
        return lines.stream()
                .max((a, b) ->
                        Integer.compare(a.path("major").asInt(), b.path("major").asInt()))
                .orElseThrow();
    }

    /** @return {@code v1, v2} */
    static String majors(JsonNode product) {
        List<JsonNode> lines = new ArrayList<>();
        product.path("lines").forEach(lines::add);
        return majors(lines);
    }

    private static String majors(List<JsonNode> lines) {
        return String.join(
                ", ",
                lines.stream()
                        .map(l -> "v" + l.path("major").asInt() + " "
                                + l.path("status").asText())
                        .toList());
    }

    /** @return the value subject of a line: as registered, else {@code <topic>-value} */
    static String valueSubject(JsonNode line) {
        String subject = Text.of(line, "valueSubject");
        return subject != null ? subject : line.path("topic").asText() + "-value";
    }
}
