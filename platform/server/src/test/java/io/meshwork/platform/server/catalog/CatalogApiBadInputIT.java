package io.meshwork.platform.server.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input on every route of the catalog API: empty, malformed, mistyped, out-of-range, oversized and hostile
 * requests, unknown ids and illegal transitions. Each is answered with a 4xx JSON error that names the offending
 * thing and says how to fix it, never a 5xx or a stack trace, and no refused write changes the catalog.
 *
 * <p>One platform serves the whole class: a product whose v1 is ACTIVE and whose v2 is a DRAFT, a GRANTED and a
 * REVOKED subscription to v1. Every case leaves that state exactly as it found it.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class CatalogApiBadInputIT {
    private static final String DOMAIN = PlatformUnderTest.uniqueDomain("badinput");
    private static final String ID = DOMAIN + ".orders";
    private static final String PRODUCT = "api/v1/products/" + ID;
    private static final String VALUE_SUBJECT = ID + ".v1-value";
    private static final String UNKNOWN_ID = DOMAIN + ".nothing";
    private static final String LONG_ID = "a".repeat(300) + ".orders";
    private static final String PRINCIPAL = "User:bad-input-test";
    private static final String LIST_PRODUCTS = "GET /api/v1/products";
    private static final String LIST_SUBSCRIPTIONS = "GET /api/v1/subscriptions";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static PlatformUnderTest platform;
    private static String grantedSubscription;
    private static String revokedSubscription;

    /** One bad request and what its answer must be. */
    record Case(
            String name,
            String method,
            String path,
            String body,
            String contentType,
            Map<String, String> headers,
            int status,
            List<String> named,
            List<String> fixNamed,
            boolean catalogError) {

        /** @return the case, whose message must also contain each of {@code text} */
        Case naming(String... text) {
            List<String> all = new ArrayList<>(named);
            all.addAll(List.of(text));
            return new Case(name, method, path, body, contentType, headers, status, all, fixNamed, catalogError);
        }

        /** @return the case, whose fix must contain each of {@code text} */
        Case fixing(String... text) {
            return new Case(name, method, path, body, contentType, headers, status, named, List.of(text), catalogError);
        }

        Case withContentType(String type) {
            return new Case(name, method, path, body, type, headers, status, named, fixNamed, catalogError);
        }

        Case withHeader(String header, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(header, value);
            return new Case(name, method, path, body, contentType, all, status, named, fixNamed, catalogError);
        }

        /** @return the case, answered by the platform's routing (404, 405, 413) rather than a catalog controller */
        Case fromRouting() {
            return new Case(name, method, path, body, contentType, headers, status, named, fixNamed, false);
        }

        boolean writes() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return name + " (" + method + " /" + path + ")";
        }
    }

    /** An answer: status, content type and body. */
    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return PlatformUnderTest.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 2_000 ? body.substring(0, 2_000) + "…" : body);
        }
    }

    @BeforeAll
    static void startPlatformWithAnActiveProductAndSubscriptions(EmbeddedKafkaBroker broker) {
        platform = new PlatformUnderTest(broker, Map.of());
        expect(
                platform.post(
                        "api/v1/products",
                        ProductLifecycleIT.declaration(DOMAIN, "1.0.0", ProductLifecycleIT.ORDER_V1)),
                201);
        expect(platform.post(PRODUCT + "/publications", Map.of("version", "1.0.0")), 200);
        expect(
                platform.post(
                        "api/v1/products",
                        ProductLifecycleIT.declaration(DOMAIN, "2.0.0", ProductLifecycleIT.ORDER_V1)),
                201);
        grantedSubscription = expect(
                        platform.post(
                                "api/v1/subscriptions",
                                Map.of(
                                        "product",
                                        ID,
                                        "major",
                                        1,
                                        "consumer",
                                        "User:finance",
                                        "purpose",
                                        "daily revenue per shop")),
                        201)
                .path("subscriptionId")
                .asText();
        revokedSubscription = expect(
                        platform.post(
                                "api/v1/subscriptions",
                                Map.of(
                                        "product",
                                        ID,
                                        "major",
                                        1,
                                        "consumer",
                                        "User:gone",
                                        "purpose",
                                        "a trial of the feed")),
                        201)
                .path("subscriptionId")
                .asText();
        expect(
                platform.post(
                        "api/v1/subscriptions/" + revokedSubscription + "/revocation", Map.of("reason", "trial over")),
                200);
        assertThat(platform.get(PRODUCT).json().at("/lines/0/status").asText()).isEqualTo("ACTIVE");
        assertThat(platform.get(PRODUCT).json().at("/lines/1/status").asText()).isEqualTo("DRAFT");
        // the governor judges declarations and provisions published versions in the background: wait until the
        // catalog has stopped moving, so that any change from now on is a bad request's doing
        AtomicReference<String> last = new AtomicReference<>("");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            boolean judged = platform
                                            .get(PRODUCT + "/audit")
                                            .json()
                                            .path("decisions")
                                            .findValuesAsText("action")
                                            .stream()
                                            .filter("DECLARE"::equals)
                                            .count()
                                    == 2;
                            String hash = catalogState().path("stateHash").asText();
                            return judged && hash.equals(last.getAndSet(hash));
                        });
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    // ------------------------------------------------------------------------------------------------- reads

    static Stream<Case> badQueries() {
        String long201 = "x".repeat(201);
        return Stream.of(
                get("limit 0", "api/v1/products?limit=0", 400).naming("limit", "0"),
                get("limit 501", "api/v1/products?limit=501", 400).naming("limit", "501"),
                get("negative limit", "api/v1/products?limit=-1", 400).naming("limit", "-1"),
                get("limit not a number", "api/v1/products?limit=ten", 400).naming("limit", "ten"),
                get("limit a fraction", "api/v1/products?limit=1.5", 400).naming("limit", "1.5"),
                get("limit beyond int", "api/v1/products?limit=99999999999", 400)
                        .naming("limit", "99999999999"),
                get("negative offset", "api/v1/products?offset=-1", 400).naming("offset", "-1"),
                get("offset not a number", "api/v1/products?offset=first", 400).naming("offset", "first"),
                get("unknown status", "api/v1/products?status=bogus", 400).naming("bogus", "status"),
                get("unknown classification", "api/v1/products?classification=secret", 400)
                        .naming("secret", "classification"),
                get("201-char domain", "api/v1/products?domain=" + long201, 400).naming("domain", "201"),
                get("201-char tag", "api/v1/products?tag=" + long201, 400).naming("tag", "201"),
                get("201-char owner", "api/v1/products?owner=" + long201, 400).naming("owner", "201"),
                get("1001-char query", "api/v1/search?q=" + "q".repeat(1_001), 400)
                        .naming("query q", "1001"),
                get("search limit 0", "api/v1/search?q=orders&limit=0", 400).naming("limit", "0"),
                get("search limit 501", "api/v1/search?q=orders&limit=501", 400).naming("limit", "501"),
                get("search limit not a number", "api/v1/search?q=orders&limit=many", 400)
                        .naming("limit", "many"),
                get("search negative offset", "api/v1/search?q=orders&offset=-5", 400)
                        .naming("offset", "-5"),
                get("search unknown status", "api/v1/search?q=orders&status=live", 400)
                        .naming("live", "status"),
                get("search unknown classification", "api/v1/search?classification=top-secret", 400)
                        .naming("top-secret", "classification"),
                get("search 201-char domain", "api/v1/search?q=x&domain=" + long201, 400)
                        .naming("domain", "201"),
                get("subscriptions by malformed product", "api/v1/subscriptions?product=Sales.Orders", 400)
                        .naming("Sales.Orders"),
                get("subscriptions by unknown status", "api/v1/subscriptions?status=pending", 400)
                        .naming("pending", "status"),
                get("subscriptions limit 501", "api/v1/subscriptions?limit=501", 400)
                        .naming("limit", "501"),
                get("subscriptions limit not a number", "api/v1/subscriptions?limit=all", 400)
                        .naming("limit", "all"),
                get("subscriptions negative offset", "api/v1/subscriptions?offset=-1", 400)
                        .naming("offset", "-1"),
                get("subscriptions 201-char consumer", "api/v1/subscriptions?consumer=" + long201, 400)
                        .naming("consumer", "201"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void shouldRefuseMalformedQueryParametersNamingTheParameter(Case c) {
        assertRefused(c);
    }

    static Stream<Case> badOrUnknownIds() {
        return Stream.of(
                get("uppercase id", "api/v1/products/Sales.Orders", 400).naming("Sales.Orders", "product id"),
                get("id with a space", "api/v1/products/sales%20orders", 400).naming("sales orders"),
                get("id without a domain", "api/v1/products/orders", 400).naming("'orders'"),
                get("encoded path traversal", "api/v1/products/..%2F..%2Fetc%2Fpasswd", 400)
                        .naming("../../etc/passwd"),
                get("300-char id", "api/v1/products/" + LONG_ID, 400).naming("a".repeat(80), "…"),
                get("unicode id", "api/v1/products/ventes.%C3%A9t%C3%A9", 400).naming("ventes.été"),
                get("NUL in id", "api/v1/products/sales.or%00ders", 400).naming("product id"),
                get("unknown product", "api/v1/products/" + UNKNOWN_ID, 404)
                        .naming(UNKNOWN_ID)
                        .fixing(LIST_PRODUCTS),
                get("version of a malformed id", "api/v1/products/Sales.Orders/versions/1.0.0", 400)
                        .naming("Sales.Orders"),
                get("version of an unknown product", "api/v1/products/" + UNKNOWN_ID + "/versions/1.0.0", 404)
                        .naming(UNKNOWN_ID)
                        .fixing(LIST_PRODUCTS),
                get("two-part version", PRODUCT + "/versions/1.0", 400)
                        .naming("'1.0'")
                        .fixing("MAJOR.MINOR.PATCH"),
                get("version with a leading zero", PRODUCT + "/versions/01.0.0", 400)
                        .naming("01.0.0"),
                get("version 'latest'", PRODUCT + "/versions/latest", 400).naming("latest"),
                get("unknown version", PRODUCT + "/versions/9.9.9", 404)
                        .naming(ID, "9.9.9")
                        .fixing("1.0.0", "2.0.0"),
                get("changelog of an unknown product", "api/v1/products/" + UNKNOWN_ID + "/changelog", 404)
                        .naming(UNKNOWN_ID)
                        .fixing(LIST_PRODUCTS),
                get("changelog from a malformed version", PRODUCT + "/changelog?from=latest", 400)
                        .naming("latest"),
                get("changelog to a malformed version", PRODUCT + "/changelog?to=v2", 400)
                        .naming("v2"),
                get("changelog from an unknown version", PRODUCT + "/changelog?from=9.9.9", 404)
                        .naming("9.9.9"),
                get("changelog to the first version", PRODUCT + "/changelog?to=1.0.0", 400)
                        .naming("1.0.0", "first version")
                        .fixing("from"),
                get("audit of a malformed id", "api/v1/products/SALES.ORDERS/audit", 400)
                        .naming("SALES.ORDERS"),
                get("audit of an unknown product", "api/v1/products/" + UNKNOWN_ID + "/audit", 404)
                        .naming(UNKNOWN_ID)
                        .fixing(LIST_PRODUCTS),
                get("lineage of a malformed id", "api/v1/products/sales..orders/lineage", 400)
                        .naming("sales..orders"),
                get("lineage of an unknown product", "api/v1/products/" + UNKNOWN_ID + "/lineage", 404)
                        .naming(UNKNOWN_ID)
                        .fixing(LIST_PRODUCTS),
                get("unknown subscription", "api/v1/subscriptions/no-such-subscription", 404)
                        .naming("no-such-subscription")
                        .fixing(LIST_SUBSCRIPTIONS),
                get("300-char subscription id", "api/v1/subscriptions/" + "s".repeat(300), 404)
                        .naming("s".repeat(80), "…")
                        .fixing(LIST_SUBSCRIPTIONS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrUnknownIds")
    void shouldRefuseMalformedIdsAndAnswerUnknownOnesWithHowToList(Case c) {
        assertRefused(c);
    }

    @ParameterizedTest(name = "q={0}")
    @MethodSource("hostileSearches")
    void shouldSearchForHostileQueryTextInsteadOfFailing(String q) {
        Answer answer = send("GET", "api/v1/search?q=" + PlatformUnderTest.query(q), null, null, Map.of());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("items").isArray()).as(answer.toString()).isTrue();
    }

    static Stream<String> hostileSearches() {
        return Stream.of(
                "title:* AND (",
                "*",
                "?",
                "\\",
                "\"unterminated phrase",
                "orders~99",
                "/regex[",
                "{!xmlparser v='<!DOCTYPE a SYSTEM \"http://example.com/\">'}",
                "' OR 1=1; DROP TABLE products; --",
                "field:[a TO",
                "AND OR NOT",
                "+-!():^[]\"{}~*?|&/",
                "orders\u0000\u001b[31m\u0007",
                "ventes été 订单 📦",
                "x".repeat(1_000));
    }

    // ------------------------------------------------------------------------------------------------ writes

    static Stream<Case> badDeclarations() {
        return Stream.concat(
                badBodies("api/v1/products"),
                Stream.of(
                        post(
                                        "declaration with an unknown field",
                                        "api/v1/products",
                                        declareBody(b -> b.put("owner", "me")),
                                        400)
                                .naming("owner")
                                .fixing("descriptor", "schemas"),
                        post("redeclaring the published version", "api/v1/products", declareBody(b -> {}), 409)
                                .naming("1.0.0"),
                        post("201-char principal", "api/v1/products", declareBody("1.0.1", b -> {}), 400)
                                .withHeader("X-Meshwork-Principal", "U".repeat(201))
                                .naming("X-Meshwork-Principal")
                                .fixing("200"),
                        post("principal with a tab", "api/v1/products", declareBody("1.0.1", b -> {}), 400)
                                .withHeader("X-Meshwork-Principal", "User:\tevil")
                                .naming("X-Meshwork-Principal")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDeclarations")
    void shouldRefuseABadDeclarationAndChangeNothing(Case c) {
        assertRefused(c);
    }

    static Stream<Case> badDryRuns() {
        return badBodies("api/v1/checks");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDryRuns")
    void shouldRefuseABadDryRunBodyWithAPreciseError(Case c) {
        assertRefused(c);
    }

    /** Bodies that neither a declaration nor a dry run can read, whatever the descriptor says. */
    static Stream<Case> badBodies(String path) {
        StringBuilder deep = new StringBuilder("{\"descriptor\": ");
        deep.append("[".repeat(100)).append("]".repeat(100)).append('}');
        return Stream.of(
                post("empty body", path, "", 400).naming("empty").fixing("descriptor"),
                post("blank body", path, " \n\t ", 400).naming("empty"),
                post("truncated JSON", path, "{\"descriptor\": ", 400).naming("not valid JSON", "line 1"),
                post("YAML instead of JSON", path, "descriptor: x", 400).naming("not valid JSON"),
                post("XML body", path, "<product/>", 400)
                        .withContentType("application/xml")
                        .naming("not valid JSON"),
                post("binary garbage", path, "\u00ff\u00fe\u0000garbage", 400)
                        .withContentType("text/plain")
                        .naming("not valid JSON"),
                post("trailing garbage", path, "{\"descriptor\": \"x\"} {}", 400)
                        .naming("not valid JSON"),
                post("JSON array", path, "[]", 400).naming("JSON object"),
                post("JSON string", path, "\"descriptor\"", 400).naming("JSON object"),
                post("JSON number", path, "42", 400).naming("JSON object"),
                post("JSON null", path, "null", 400).naming("JSON object"),
                post("JSON nested 100 deep", path, deep.toString(), 400).naming("not valid JSON"),
                post("duplicate field", path, "{\"descriptor\": \"a\", \"descriptor\": \"b\"}", 400)
                        .naming("descriptor"),
                post("empty object", path, "{}", 400).naming("\"descriptor\""),
                post("unknown field only", path, "{\"yaml\": \"id: a.b\"}", 400).naming("yaml"),
                post("descriptor a number", path, "{\"descriptor\": 42}", 400).naming("\"descriptor\"", "number"),
                post("descriptor an object", path, "{\"descriptor\": {\"id\": \"a.b\"}}", 400)
                        .naming("\"descriptor\"", "object"),
                post("descriptor empty", path, "{\"descriptor\": \"\"}", 400).naming("\"descriptor\"", "empty"),
                post(
                                "descriptor over 1 MiB",
                                path,
                                declareBody(b -> b.put("descriptor", "#".repeat(1024 * 1024 + 1))),
                                400)
                        .naming("\"descriptor\"", "1048577"),
                post("schemas a string", path, declareBody(b -> b.put("schemas", "order.avsc")), 400)
                        .naming("\"schemas\""),
                post(
                                "schemas an array",
                                path,
                                declareBody(b -> b.putArray("schemas").add("x")),
                                400)
                        .naming("\"schemas\""),
                post(
                                "schema a number",
                                path,
                                declareBody(b -> b.putObject("schemas").put(VALUE_SUBJECT, 42)),
                                400)
                        .naming(VALUE_SUBJECT),
                post("file a number", path, declareBody(b -> b.put("file", 7)), 400)
                        .naming("\"file\""),
                post("501-char file name", path, declareBody(b -> b.put("file", "f".repeat(501))), 400)
                        .naming("\"file\"", "501"),
                post(
                                "schema not Avro",
                                path,
                                declareBody(b -> b.putObject("schemas").put(VALUE_SUBJECT, "this is not avro")),
                                400)
                        .naming(VALUE_SUBJECT, "Avro")
                        .fixing(ID + ".v1"),
                post(
                                "record schema without fields",
                                path,
                                declareBody(b -> b.putObject("schemas")
                                        .putObject(VALUE_SUBJECT)
                                        .put("type", "record")
                                        .put("name", "Order")),
                                400)
                        .naming(VALUE_SUBJECT, "Avro"),
                post(
                                "schema for a subject no port uses",
                                path,
                                declareBody(b -> ((ObjectNode) b.get("schemas"))
                                        .put(DOMAIN + ".elsewhere-value", ProductLifecycleIT.ORDER_V1)),
                                400)
                        .naming(DOMAIN + ".elsewhere-value")
                        .fixing(VALUE_SUBJECT),
                post("no value schema", path, declareBody(b -> b.putObject("schemas")), 400)
                        .naming(VALUE_SUBJECT)
                        .fixing(VALUE_SUBJECT),
                post("no schemas at all", path, declareBody(b -> b.remove("schemas")), 400)
                        .naming(VALUE_SUBJECT));
    }

    static Stream<Case> badLifecycleCommands() {
        String publications = PRODUCT + "/publications";
        String deprecations = PRODUCT + "/deprecations";
        String retirements = PRODUCT + "/retirements";
        String pauses = PRODUCT + "/pauses";
        String resumptions = PRODUCT + "/resumptions";
        String sunset = LocalDate.now().plusDays(90).toString();
        return Stream.of(
                // publications
                post("publish: empty body", publications, "", 400)
                        .naming("empty")
                        .fixing("version"),
                post("publish: JSON array", publications, "[\"1.0.0\"]", 400).naming("JSON object"),
                post("publish: bare version", publications, "1.0.0", 400).naming("not valid JSON"),
                post("publish: no version", publications, "{}", 400).naming("\"version\""),
                post("publish: version a number", publications, "{\"version\": 1}", 400)
                        .naming("\"version\"", "number"),
                post("publish: version an object", publications, "{\"version\": {\"major\": 1}}", 400)
                        .naming("\"version\"", "object"),
                post("publish: two-part version", publications, "{\"version\": \"1.1\"}", 400)
                        .naming("'1.1'"),
                post("publish: 41-char version", publications, "{\"version\": \"" + "1".repeat(41) + "\"}", 400)
                        .naming("\"version\""),
                post("publish: unknown field", publications, "{\"version\": \"2.0.0\", \"force\": true}", 400)
                        .naming("force"),
                post(
                                "publish: malformed id",
                                "api/v1/products/Sales.Orders/publications",
                                "{\"version\": \"1.0.0\"}",
                                400)
                        .naming("Sales.Orders"),
                post(
                                "publish: 300-char id",
                                "api/v1/products/" + LONG_ID + "/publications",
                                "{\"version\": \"1.0.0\"}",
                                400)
                        .naming("a".repeat(80), "…"),
                post(
                                "publish: unknown product",
                                "api/v1/products/" + UNKNOWN_ID + "/publications",
                                "{\"version\": \"1.0.0\"}",
                                404)
                        .naming(UNKNOWN_ID)
                        .fixing(LIST_PRODUCTS),
                post("publish: unknown version", publications, "{\"version\": \"9.9.9\"}", 404)
                        .naming(ID, "9.9.9")
                        .fixing("POST /api/v1/products", "1.0.0", "2.0.0"),
                // deprecations
                post("deprecate: empty body", deprecations, "", 400)
                        .naming("empty")
                        .fixing("sunsetDate"),
                post("deprecate: JSON string", deprecations, "\"v1\"", 400).naming("JSON object"),
                post("deprecate: no major", deprecations, deprecation(b -> b.remove("major")), 400)
                        .naming("\"major\""),
                post("deprecate: major a string", deprecations, deprecation(b -> b.put("major", "1")), 400)
                        .naming("\"major\"", "\"1\""),
                post("deprecate: negative major", deprecations, deprecation(b -> b.put("major", -1)), 400)
                        .naming("\"major\"", "-1"),
                post("deprecate: huge major", deprecations, deprecation(b -> b.put("major", 2_147_483_648L)), 400)
                        .naming("\"major\"", "2147483648"),
                post("deprecate: fractional major", deprecations, deprecation(b -> b.put("major", 1.5)), 400)
                        .naming("\"major\"", "1.5"),
                post("deprecate: boolean major", deprecations, deprecation(b -> b.put("major", true)), 400)
                        .naming("\"major\"", "true"),
                post("deprecate: no sunsetDate", deprecations, deprecation(b -> b.remove("sunsetDate")), 400)
                        .naming("\"sunsetDate\""),
                post(
                                "deprecate: sunsetDate 'tomorrow'",
                                deprecations,
                                deprecation(b -> b.put("sunsetDate", "tomorrow")),
                                400)
                        .naming("sunsetDate", "tomorrow")
                        .fixing("YYYY-MM-DD"),
                post(
                                "deprecate: sunsetDate in the past",
                                deprecations,
                                deprecation(b -> b.put("sunsetDate", "2020-01-01")),
                                400)
                        .naming("sunsetDate", "2020-01-01", "past"),
                post(
                                "deprecate: sunsetDate 30 February",
                                deprecations,
                                deprecation(b -> b.put("sunsetDate", "2030-02-30")),
                                400)
                        .naming("sunsetDate", "2030-02-30"),
                post(
                                "deprecate: sunsetDate a number",
                                deprecations,
                                deprecation(b -> b.put("sunsetDate", 20300101)),
                                400)
                        .naming("\"sunsetDate\"", "number"),
                post(
                                "deprecate: sunsetDate in year 999999999",
                                deprecations,
                                deprecation(b -> b.put("sunsetDate", "+999999999-12-31")),
                                400)
                        .naming("sunsetDate", "+999999999-12-31"),
                post(
                                "deprecate: successor without a major",
                                deprecations,
                                deprecation(b -> b.put("successor", ID)),
                                400)
                        .naming("successor", ID)
                        .fixing(".v2"),
                post(
                                "deprecate: successor not a product",
                                deprecations,
                                deprecation(b -> b.put("successor", "the new one")),
                                400)
                        .naming("successor", "the new one"),
                post(
                                "deprecate: uppercase successor",
                                deprecations,
                                deprecation(b -> b.put("successor", "Sales.Orders.v2")),
                                400)
                        .naming("Sales.Orders.v2"),
                post(
                                "deprecate: successor major a word",
                                deprecations,
                                deprecation(b -> b.put("successor", ID + ".vtwo")),
                                400)
                        .naming(ID + ".vtwo"),
                post(
                                "deprecate: successor negative major",
                                deprecations,
                                deprecation(b -> b.put("successor", ID + ".v-1")),
                                400)
                        .naming(ID + ".v-1"),
                post(
                                "deprecate: successor huge major",
                                deprecations,
                                deprecation(b -> b.put("successor", ID + ".v99999999999")),
                                400)
                        .naming(ID + ".v99999999999"),
                post("deprecate: successor a number", deprecations, deprecation(b -> b.put("successor", 2)), 400)
                        .naming("\"successor\"", "number"),
                post("deprecate: no reason", deprecations, deprecation(b -> b.remove("reason")), 400)
                        .naming("\"reason\""),
                post("deprecate: blank reason", deprecations, deprecation(b -> b.put("reason", "  ")), 400)
                        .naming("\"reason\""),
                post(
                                "deprecate: 2001-char reason",
                                deprecations,
                                deprecation(b -> b.put("reason", "r".repeat(2_001))),
                                400)
                        .naming("\"reason\"", "2001"),
                post(
                                "deprecate: reason with terminal escapes",
                                deprecations,
                                deprecation(b -> b.put("reason", "moved\u001b[2J\u001b[31m to v2\u0000")),
                                400)
                        .naming("\"reason\"", "U+001B"),
                post("deprecate: unknown field", deprecations, deprecation(b -> b.put("sunset", sunset)), 400)
                        .naming("sunset")
                        .fixing("sunsetDate"),
                post(
                                "deprecate: unknown product",
                                "api/v1/products/" + UNKNOWN_ID + "/deprecations",
                                deprecation(b -> {}),
                                404)
                        .naming(UNKNOWN_ID)
                        .fixing(LIST_PRODUCTS),
                post("deprecate: unknown major", deprecations, deprecation(b -> b.put("major", 7)), 404)
                        .naming(ID, "7")
                        .fixing("[1, 2]"),
                // retirements
                post("retire: empty body", retirements, "", 400).naming("empty"),
                post("retire: number body", retirements, "1", 400).naming("JSON object"),
                post("retire: no reason", retirements, "{\"major\": 1}", 400).naming("\"reason\""),
                post("retire: null major", retirements, "{\"major\": null, \"reason\": \"done\"}", 400)
                        .naming("\"major\""),
                post("retire: major an object", retirements, "{\"major\": {}, \"reason\": \"done\"}", 400)
                        .naming("\"major\""),
                post("retire: reason a number", retirements, "{\"major\": 1, \"reason\": 42}", 400)
                        .naming("\"reason\"", "number"),
                post("retire: unknown field", retirements, "{\"major\": 1, \"reason\": \"x\", \"now\": true}", 400)
                        .naming("now"),
                post(
                                "retire: malformed id",
                                "api/v1/products/sales%2Forders/retirements",
                                "{\"major\": 1, \"reason\": \"x\"}",
                                400)
                        .naming("sales/orders"),
                post(
                                "retire: unknown product",
                                "api/v1/products/" + UNKNOWN_ID + "/retirements",
                                "{\"major\": 1, \"reason\": \"x\"}",
                                404)
                        .naming(UNKNOWN_ID)
                        .fixing(LIST_PRODUCTS),
                // pauses and resumptions
                post("pause: empty body", pauses, "", 400).naming("empty"),
                post("pause: no major", pauses, "{\"reason\": \"INC-1\"}", 400).naming("\"major\""),
                post("pause: major above 100000", pauses, "{\"major\": 100001, \"reason\": \"INC-1\"}", 400)
                        .naming("\"major\"", "100001"),
                post("pause: major in exponent form", pauses, "{\"major\": 1e3, \"reason\": \"INC-1\"}", 400)
                        .naming("\"major\""),
                post("pause: no reason", pauses, "{\"major\": 1}", 400).naming("\"reason\""),
                post("pause: unknown major", pauses, "{\"major\": 100000, \"reason\": \"INC-1\"}", 404)
                        .naming("100000")
                        .fixing("[1, 2]"),
                post(
                                "pause: unknown product",
                                "api/v1/products/" + UNKNOWN_ID + "/pauses",
                                "{\"major\": 1, \"reason\": \"INC-1\"}",
                                404)
                        .naming(UNKNOWN_ID),
                post("resume: array body", resumptions, "[1]", 400).naming("JSON object"),
                post("resume: major a string", resumptions, "{\"major\": \"one\", \"reason\": \"INC-1\"}", 400)
                        .naming("\"major\"", "one"),
                post("resume: unknown field", resumptions, "{\"major\": 1, \"reason\": \"INC-1\", \"by\": \"me\"}", 400)
                        .naming("by"),
                post(
                                "resume: unknown product",
                                "api/v1/products/" + UNKNOWN_ID + "/resumptions",
                                "{\"major\": 1, \"reason\": \"INC-1\"}",
                                404)
                        .naming(UNKNOWN_ID),
                // who acts
                post("pause: 201-char principal", pauses, "{\"major\": 1, \"reason\": \"INC-1\"}", 400)
                        .withHeader("X-Meshwork-Principal", "U".repeat(201))
                        .naming("X-Meshwork-Principal"),
                post("deprecate: principal with a tab", deprecations, deprecation(b -> {}), 400)
                        .withHeader("X-Meshwork-Principal", "User:\tops")
                        .naming("X-Meshwork-Principal"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLifecycleCommands")
    void shouldRefuseABadLifecycleCommandAndChangeNothing(Case c) {
        assertRefused(c);
    }

    static Stream<Case> illegalTransitions() {
        String sunset = LocalDate.now().plusDays(90).toString();
        return Stream.of(
                post("publish the published version", PRODUCT + "/publications", "{\"version\": \"1.0.0\"}", 409)
                        .naming(ID, "1.0.0", "published")
                        .fixing("newer version"),
                post("deprecate a DRAFT", PRODUCT + "/deprecations", deprecation(b -> b.put("major", 2)), 409)
                        .naming(ID + " v2", "DRAFT")
                        .fixing("publish"),
                post("retire an ACTIVE", PRODUCT + "/retirements", "{\"major\": 1, \"reason\": \"done\"}", 409)
                        .naming(ID + " v1", "ACTIVE")
                        .fixing("deprecate"),
                post("retire a DRAFT", PRODUCT + "/retirements", "{\"major\": 2, \"reason\": \"done\"}", 409)
                        .naming(ID + " v2", "DRAFT"),
                post("pause a DRAFT", PRODUCT + "/pauses", "{\"major\": 2, \"reason\": \"INC-1\"}", 409)
                        .naming(ID + " v2", "DRAFT"),
                post("resume a running version", PRODUCT + "/resumptions", "{\"major\": 1, \"reason\": \"INC-1\"}", 409)
                        .naming(ID + " v1", "not paused"),
                post(
                                "subscribe to a DRAFT",
                                "api/v1/subscriptions",
                                "{\"product\": \"" + ID + "\", \"major\": 2, \"purpose\": \"early look\"}",
                                409)
                        .naming(ID + " v2", "DRAFT")
                        .fixing(ID + ".v1"),
                post(
                                "approve a GRANTED subscription",
                                "api/v1/subscriptions/" + grantedSubscription + "/approval",
                                "",
                                409)
                        .naming(grantedSubscription, "GRANTED")
                        .fixing("requested"),
                post(
                                "deny a GRANTED subscription",
                                "api/v1/subscriptions/" + grantedSubscription + "/denial",
                                "{\"reason\": \"no\"}",
                                409)
                        .naming(grantedSubscription, "GRANTED"),
                post(
                                "revoke a REVOKED subscription",
                                "api/v1/subscriptions/" + revokedSubscription + "/revocation",
                                "{\"reason\": \"again\"}",
                                409)
                        .naming(revokedSubscription, "REVOKED"),
                post(
                                "approve a REVOKED subscription",
                                "api/v1/subscriptions/" + revokedSubscription + "/approval",
                                "{\"reason\": \"changed my mind\"}",
                                409)
                        .naming(revokedSubscription, "REVOKED"),
                post(
                                "deprecate with a successor, but a DRAFT",
                                PRODUCT + "/deprecations",
                                "{\"major\": 2, \"sunsetDate\": \"" + sunset + "\", \"successor\": \"" + ID
                                        + ".v3\", \"reason\": \"x\"}",
                                409)
                        .naming("DRAFT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("illegalTransitions")
    void shouldRefuseAnIllegalTransitionWithAConflictNamingTheState(Case c) {
        assertRefused(c);
    }

    static Stream<Case> badSubscriptionCommands() {
        String subscriptions = "api/v1/subscriptions";
        String approval = subscriptions + "/" + grantedSubscription + "/approval";
        return Stream.of(
                post("subscribe: empty body", subscriptions, "", 400)
                        .naming("empty")
                        .fixing("purpose"),
                post("subscribe: JSON array", subscriptions, "[]", 400).naming("JSON object"),
                post("subscribe: not JSON", subscriptions, "product=sales.orders", 400)
                        .naming("not valid JSON"),
                post("subscribe: empty object", subscriptions, "{}", 400).naming("\"product\""),
                post("subscribe: no major", subscriptions, subscription(b -> b.remove("major")), 400)
                        .naming("\"major\""),
                post("subscribe: no purpose", subscriptions, subscription(b -> b.remove("purpose")), 400)
                        .naming("\"purpose\""),
                post("subscribe: product a number", subscriptions, subscription(b -> b.put("product", 42)), 400)
                        .naming("\"product\"", "number"),
                post(
                                "subscribe: malformed product",
                                subscriptions,
                                subscription(b -> b.put("product", "Sales Orders")),
                                400)
                        .naming("Sales Orders"),
                post("subscribe: major a string", subscriptions, subscription(b -> b.put("major", "1")), 400)
                        .naming("\"major\""),
                post("subscribe: negative major", subscriptions, subscription(b -> b.put("major", -1)), 400)
                        .naming("\"major\"", "-1"),
                post("subscribe: huge major", subscriptions, subscription(b -> b.put("major", 1e20)), 400)
                        .naming("\"major\""),
                post("subscribe: consumer an object", subscriptions, subscription(b -> b.putObject("consumer")), 400)
                        .naming("\"consumer\"", "object"),
                post(
                                "subscribe: 201-char consumer",
                                subscriptions,
                                subscription(b -> b.put("consumer", "c".repeat(201))),
                                400)
                        .naming("\"consumer\"", "201"),
                post(
                                "subscribe: consumer with control characters",
                                subscriptions,
                                subscription(b -> b.put("consumer", "User:fin\u0000ance\r\nX-Injected: 1")),
                                400)
                        .naming("\"consumer\"", "U+0000"),
                post(
                                "subscribe: malformed consumer product",
                                subscriptions,
                                subscription(b -> b.put("consumerProduct", "Finance Revenue")),
                                400)
                        .naming("Finance Revenue"),
                post(
                                "subscribe: 2001-char purpose",
                                subscriptions,
                                subscription(b -> b.put("purpose", "p".repeat(2_001))),
                                400)
                        .naming("\"purpose\"", "2001"),
                post("subscribe: unknown field", subscriptions, subscription(b -> b.put("role", "admin")), 400)
                        .naming("role")
                        .fixing("consumerProduct"),
                post("subscribe: unknown product", subscriptions, subscription(b -> b.put("product", UNKNOWN_ID)), 404)
                        .naming(UNKNOWN_ID)
                        .fixing(LIST_PRODUCTS),
                post("subscribe: unknown major", subscriptions, subscription(b -> b.put("major", 7)), 404)
                        .naming(ID, "7")
                        .fixing("[1, 2]"),
                post("subscribe: 201-char principal", subscriptions, subscription(b -> {}), 400)
                        .withHeader("X-Meshwork-Principal", "U".repeat(201))
                        .naming("X-Meshwork-Principal"),
                post("approve: JSON array", approval, "[]", 400).naming("JSON object"),
                post("approve: not JSON", approval, "yes", 400).naming("not valid JSON"),
                post("approve: reason a number", approval, "{\"reason\": 42}", 400)
                        .naming("\"reason\"", "number"),
                post("approve: unknown field", approval, "{\"why\": \"ok\"}", 400)
                        .naming("why"),
                post("approve: unknown subscription", subscriptions + "/no-such-subscription/approval", "", 404)
                        .naming("no-such-subscription")
                        .fixing(LIST_SUBSCRIPTIONS),
                post("approve: 300-char subscription id", subscriptions + "/" + "s".repeat(300) + "/approval", "", 404)
                        .naming("s".repeat(80), "…")
                        .fixing(LIST_SUBSCRIPTIONS),
                post("deny: empty body", subscriptions + "/" + grantedSubscription + "/denial", "", 400)
                        .naming("empty")
                        .fixing("reason"),
                post("deny: no reason", subscriptions + "/" + grantedSubscription + "/denial", "{}", 400)
                        .naming("\"reason\""),
                post(
                                "deny: unknown subscription",
                                subscriptions + "/no-such-subscription/denial",
                                "{\"reason\": \"no\"}",
                                404)
                        .naming("no-such-subscription")
                        .fixing(LIST_SUBSCRIPTIONS),
                post(
                                "revoke: blank reason",
                                subscriptions + "/" + grantedSubscription + "/revocation",
                                "{\"reason\": \"\"}",
                                400)
                        .naming("\"reason\""),
                post(
                                "revoke: reason an array",
                                subscriptions + "/" + grantedSubscription + "/revocation",
                                "{\"reason\": [\"x\"]}",
                                400)
                        .naming("\"reason\"", "array"),
                post(
                                "revoke: unknown subscription",
                                subscriptions + "/no-such-subscription/revocation",
                                "{\"reason\": \"no\"}",
                                404)
                        .naming("no-such-subscription")
                        .fixing(LIST_SUBSCRIPTIONS),
                post(
                                "revoke: 201-char principal",
                                subscriptions + "/" + grantedSubscription + "/revocation",
                                "{\"reason\": \"no longer needed\"}",
                                400)
                        .withHeader("X-Meshwork-Principal", "U".repeat(201))
                        .naming("X-Meshwork-Principal"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSubscriptionCommands")
    void shouldRefuseABadSubscriptionCommandAndChangeNothing(Case c) {
        assertRefused(c);
    }

    static Stream<Case> unroutable() {
        return Stream.of(
                request("DELETE", "DELETE the product list", "api/v1/products", null, 405)
                        .naming("DELETE")
                        .fromRouting(),
                request("PUT", "PUT a product", PRODUCT, "{}", 405)
                        .naming("PUT")
                        .fromRouting(),
                request("DELETE", "DELETE a subscription", "api/v1/subscriptions/" + grantedSubscription, null, 405)
                        .naming("DELETE")
                        .fromRouting(),
                get("GET the dry-run route", "api/v1/checks", 405).naming("GET").fromRouting(),
                get("GET a publication", PRODUCT + "/publications", 405)
                        .naming("GET")
                        .fromRouting(),
                post("POST the catalog state", "api/v1/catalog", "{}", 405)
                        .naming("POST")
                        .fromRouting(),
                request("DELETE", "DELETE the policies", "api/v1/policies", null, 405)
                        .naming("DELETE")
                        .fromRouting(),
                request("PUT", "PUT the quarantine", "api/v1/quarantine", "[]", 405)
                        .naming("PUT")
                        .fromRouting(),
                post("POST the lineage", "api/v1/lineage", "{}", 405)
                        .naming("POST")
                        .fromRouting(),
                get("unknown route", "api/v1/nothing-here", 404)
                        .naming("/api/v1/nothing-here")
                        .fromRouting(),
                get("unknown sub-route of a product", PRODUCT + "/owners", 404)
                        .naming("/owners")
                        .fromRouting(),
                get("unknown API version", "api/v2/products", 404)
                        .naming("/api/v2/products")
                        .fromRouting(),
                get("too deep a version path", PRODUCT + "/versions/1.0.0/schemas/x", 404)
                        .fromRouting());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unroutable")
    void shouldAnswerUnknownRoutesAndWrongMethodsWithAJsonError(Case c) {
        assertRefused(c);
    }

    // ----------------------------------------------------------------------------- descriptor problems, dry run

    @Test
    void shouldListEveryProblemOfADescriptorWithAYamlSyntaxErrorByFileAndLine() {
        String yaml =
                ProductLifecycleIT.descriptor(DOMAIN, "1.0.1").replace("title: Web shop orders", "title: [unclosed");
        int line = lineOf(yaml, "title: [unclosed");

        JsonNode error = assertRefused(post(
                        "YAML syntax error",
                        "api/v1/products",
                        declareBody(b -> b.put("descriptor", yaml).put("file", "sales/dataproduct.yaml")),
                        400)
                .naming("sales/dataproduct.yaml"));

        assertThat(error.path("error_code").asInt()).isEqualTo(40002);
        assertThat(error.path("details")).isNotEmpty().allSatisfy(p -> {
            assertThat(p.path("file").asText()).isEqualTo("sales/dataproduct.yaml");
            assertThat(p.path("line").asInt()).isGreaterThan(0);
            assertThat(p.path("message").asText()).isNotBlank();
            assertThat(p.path("fix").asText()).isNotBlank();
        });
        assertThat(error.path("details").findValues("line"))
                .anySatisfy(l -> assertThat(l.asInt()).isBetween(line, line + 1));
    }

    @Test
    void shouldListEveryProblemOfADescriptorWithUnknownAndMistypedFieldsByFieldAndLine() {
        String yaml = ProductLifecycleIT.descriptor(DOMAIN, "1.0.1").replace("partitions: 3", "partitions: three")
                + "colour: blue\n";

        JsonNode error = assertRefused(
                post("unknown and mistyped fields", "api/v1/products", declareBody(b -> b.put("descriptor", yaml)), 400)
                        .naming("dataproduct.yaml"));

        assertThat(error.path("error_code").asInt()).isEqualTo(40002);
        assertThat(error.path("message").asText()).contains("2 problem(s)");
        assertThat(error.path("details")).hasSize(2);
        assertThat(error.path("details")).anySatisfy(p -> {
            assertThat(p.path("file").asText()).isEqualTo("dataproduct.yaml");
            assertThat(p.path("field").asText()).isEqualTo("colour");
            assertThat(p.path("line").asInt()).isEqualTo(lineOf(yaml, "colour: blue"));
            assertThat(p.path("fix").asText()).isNotBlank();
        });
        assertThat(error.path("details")).anySatisfy(p -> {
            assertThat(p.path("field").asText()).isEqualTo("outputPorts[0].partitions");
            assertThat(p.path("line").asInt()).isEqualTo(lineOf(yaml, "partitions: three"));
            assertThat(p.path("message").asText()).contains("three");
            assertThat(p.path("fix").asText()).isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDescriptors")
    void shouldAnswerADryRunOfAnInvalidDescriptorWithItsProblemsNotAnError(String what, String yaml, String field) {
        String before = catalogState().path("stateHash").asText();

        Answer answer = send(
                "POST",
                "api/v1/checks",
                declareBody(b -> b.put("descriptor", yaml).put("file", "dp.yaml")),
                "application/json",
                Map.of("X-Meshwork-Principal", PRINCIPAL));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode result = answer.json();
        assertThat(result.path("verdict").asText()).isEqualTo("DENIED");
        assertThat(result.path("problems")).as(answer.toString()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.path("file").asText()).isEqualTo("dp.yaml");
            assertThat(p.path("message").asText()).isNotBlank();
            assertThat(p.path("fix").asText()).isNotBlank();
        });
        assertThat(result.path("problems").findValuesAsText("field"))
                .as(answer.toString())
                .contains(field);
        assertThat(result.path("problems"))
                .anySatisfy(p -> assertThat(p.path("line").asInt()).isPositive());
        assertThat(catalogState().path("stateHash").asText()).isEqualTo(before);
    }

    static Stream<Arguments> invalidDescriptors() {
        String valid = ProductLifecycleIT.descriptor(DOMAIN, "1.0.1");
        return Stream.of(
                Arguments.of("YAML syntax error", valid.replace("title: Web shop orders", "title: [unclosed"), ""),
                Arguments.of("unknown field", valid + "colour: blue\n", "colour"),
                Arguments.of(
                        "mistyped field",
                        valid.replace("partitions: 3", "partitions: three"),
                        "outputPorts[0].partitions"),
                Arguments.of("no id", valid.replace("id: " + ID + "\n", ""), "id"),
                Arguments.of(
                        "control character in a value",
                        valid.replace("title: Web shop orders", "title: \"Web shop \\e[31morders\""),
                        "title"));
    }

    // ----------------------------------------------------------------------------------------- size and headers

    @ParameterizedTest(name = "POST /{0}")
    @MethodSource("bodyRoutes")
    void shouldRefuseABodyOverTheServersLimitWith413(String path) {
        String body = "{\"descriptor\": \"" + "#".repeat(5 * 1024 * 1024) + "\"}";

        assertRefused(post("5 MiB body", path, body, 413).fromRouting());
    }

    static Stream<String> bodyRoutes() {
        return Stream.of("api/v1/products", "api/v1/checks", PRODUCT + "/deprecations", "api/v1/subscriptions");
    }

    @ParameterizedTest(name = "principal {0}")
    @MethodSource("controlCharacters")
    void shouldRefuseAPrincipalHeaderWithControlCharacters(String encoded, char control) throws IOException {
        String before = catalogState().path("stateHash").asText();
        String body = "{\"major\": 1, \"reason\": \"INC-1\"}";

        Answer answer = raw("POST /" + PRODUCT + "/pauses HTTP/1.1\r\n"
                + "Host: " + platform.uri().getHost() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "X-Meshwork-Principal: User:ev" + control + "il\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n\r\n"
                + body);

        assertError(answer, 400, List.of(), List.of(), true, "principal " + encoded);
        assertThat(catalogState().path("stateHash").asText()).isEqualTo(before);
    }

    static Stream<Arguments> controlCharacters() {
        return Stream.of(
                Arguments.of("U+0001", '\u0001'),
                Arguments.of("U+001B", '\u001b'),
                Arguments.of("U+007F", '\u007f'),
                Arguments.of("U+0000", '\u0000'));
    }

    // ----------------------------------------------------------------------------------------------- nothing lost

    @Test
    void shouldLeaveTheCatalogUnchangedAfterABatchOfBadWrites() {
        List<Case> writes = Stream.of(
                        badDeclarations(),
                        badDryRuns(),
                        badLifecycleCommands(),
                        illegalTransitions(),
                        badSubscriptionCommands())
                .flatMap(s -> s)
                .filter(Case::writes)
                .toList();
        JsonNode before = catalogState();

        for (Case c : writes) {
            Answer answer = send(c);
            assertThat(answer.status()).as("%s: %s", c, answer).isBetween(400, 499);
        }

        JsonNode after = catalogState();
        assertThat(after.path("stateHash").asText())
                .isEqualTo(before.path("stateHash").asText());
        assertThat(after.path("eventsApplied").asLong())
                .isEqualTo(before.path("eventsApplied").asLong());
        assertThat(after.path("eventsRefused").asLong())
                .isEqualTo(before.path("eventsRefused").asLong());
        assertThat(after.path("products").asInt())
                .isEqualTo(before.path("products").asInt());
        JsonNode product = platform.get(PRODUCT).json();
        assertThat(product.at("/lines/0/status").asText()).isEqualTo("ACTIVE");
        assertThat(product.at("/lines/1/status").asText()).isEqualTo("DRAFT");
        assertThat(platform.get("api/v1/subscriptions?product=" + ID)
                        .json()
                        .path("items")
                        .findValuesAsText("status"))
                .containsExactlyInAnyOrder("GRANTED", "REVOKED");
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private static Case get(String name, String path, int status) {
        return request("GET", name, path, null, status);
    }

    private static Case post(String name, String path, String body, int status) {
        return request("POST", name, path, body, status);
    }

    private static Case request(String method, String name, String path, String body, int status) {
        return new Case(
                name,
                method,
                path,
                body,
                body == null ? null : "application/json",
                method.equals("GET") ? Map.of() : Map.of("X-Meshwork-Principal", PRINCIPAL),
                status,
                List.of(),
                List.of(),
                true);
    }

    /** @return a valid declaration of version 1.0.0, changed by {@code change} */
    private static String declareBody(Consumer<ObjectNode> change) {
        return declareBody("1.0.0", change);
    }

    private static String declareBody(String version, Consumer<ObjectNode> change) {
        ObjectNode body = PlatformUnderTest.JSON.createObjectNode();
        body.put("descriptor", ProductLifecycleIT.descriptor(DOMAIN, version));
        body.putObject("schemas").put(VALUE_SUBJECT, ProductLifecycleIT.ORDER_V1);
        change.accept(body);
        return body.toString();
    }

    /** @return a valid deprecation of v1, changed by {@code change} */
    private static String deprecation(Consumer<ObjectNode> change) {
        ObjectNode body = PlatformUnderTest.JSON.createObjectNode();
        body.put("major", 1);
        body.put("sunsetDate", LocalDate.now().plusDays(90).toString());
        body.put("successor", ID + ".v2");
        body.put("reason", "amount became a decimal");
        change.accept(body);
        return body.toString();
    }

    /** @return a valid subscription to v1, changed by {@code change} */
    private static String subscription(Consumer<ObjectNode> change) {
        ObjectNode body = PlatformUnderTest.JSON.createObjectNode();
        body.put("product", ID);
        body.put("major", 1);
        body.put("consumer", "User:analytics");
        body.put("purpose", "weekly report");
        change.accept(body);
        return body.toString();
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + text);
    }

    /**
     * Sends the case and asserts its answer: the expected 4xx, a JSON error naming the offending thing (and for the
     * catalog's own refusals, how to fix it), and for a write, an unchanged catalog.
     *
     * @return the error body
     */
    private static JsonNode assertRefused(Case c) {
        String before = c.writes() ? catalogState().path("stateHash").asText() : null;
        Answer answer = send(c);
        JsonNode error = assertError(answer, c.status(), c.named(), c.fixNamed(), c.catalogError(), c.toString());
        if (c.writes()) {
            assertThat(catalogState().path("stateHash").asText())
                    .as("catalog state after %s", c)
                    .isEqualTo(before);
        }
        return error;
    }

    private static JsonNode assertError(
            Answer answer, int status, List<String> named, List<String> fixNamed, boolean catalogError, String what) {
        assertThat(answer.status()).as("status of %s: %s", what, answer).isEqualTo(status);
        // the platform's routing answers in the registry protocol's JSON type, application/vnd.schemaregistry.v1+json
        assertThat(answer.contentType())
                .as("content type of %s: %s", what, answer)
                .matches(catalogError ? "application/json.*" : "application/([a-z0-9.]+\\+)?json.*");
        JsonNode error = answer.json();
        assertThat(error.path("error_code").isInt())
                .as("error_code of %s: %s", what, answer)
                .isTrue();
        assertThat(error.path("error_code").asText())
                .as("error_code of %s", what)
                .startsWith(String.valueOf(status));
        String message = error.path("message").asText();
        assertThat(message).as("message of %s: %s", what, answer).isNotBlank();
        assertThat(answer.body())
                .as("no stack trace in %s", what)
                .doesNotContain("\tat ")
                .doesNotContain("java.lang.")
                .doesNotContain("Exception:");
        if (catalogError) {
            assertThat(error.path("fix").asText())
                    .as("fix of %s: %s", what, answer)
                    .isNotBlank();
        }
        for (String n : named) {
            assertThat(message).as("message of %s", what).contains(n);
        }
        for (String f : fixNamed) {
            assertThat(error.path("fix").asText())
                    .as("fix of %s: %s", what, answer)
                    .contains(f);
        }
        return error;
    }

    private static JsonNode expect(PlatformUnderTest.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        return reply.json();
    }

    private static JsonNode catalogState() {
        PlatformUnderTest.Reply reply = platform.get("api/v1/catalog");
        return expect(reply, 200);
    }

    private static Answer send(Case c) {
        return send(c.method(), c.path(), c.body(), c.contentType(), c.headers());
    }

    private static Answer send(
            String method, String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.uri() + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends bytes no well-behaved client would, e.g. control characters in a header, and reads the answer. */
    private static Answer raw(String request) throws IOException {
        URI uri = platform.uri();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(bytes);
            String response = bytes.toString(StandardCharsets.ISO_8859_1);
            int end = response.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer: %s", response).isPositive();
            String head = response.substring(0, end);
            String body = response.substring(end + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = "";
            boolean chunked = false;
            for (String header : head.split("\r\n")) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = header.substring("content-type:".length()).strip();
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            String text = chunked ? dechunk(body) : body;
            return new Answer(
                    status,
                    contentType,
                    new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
