package io.meshwork.catalog.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductSearchIndexTest {
    private final ProductSearchIndex index = new ProductSearchIndex();

    @AfterEach
    void closeIndex() {
        index.close();
    }

    @Test
    void shouldFindProductByItsName() {
        index.upsertAll(List.of(
                product("sales.orders").build(), product("finance.invoices").build()));

        assertThat(ids(search("orders"))).containsExactly("sales.orders");
        assertThat(ids(search("sales.orders"))).containsExactly("sales.orders");
        assertThat(search("orders").hits().get(0).matchedFields()).containsExactly(SearchHit.NAME);
    }

    @Test
    void shouldFindProductByTitle() {
        index.upsert(product("sales.a").title("Checkout Funnel").build());

        assertThat(only(search("funnel")).matchedFields()).containsExactly(SearchHit.TITLE);
    }

    @Test
    void shouldFindProductByDescription() {
        index.upsert(product("sales.a")
                .description("Every basket abandoned before payment.")
                .build());

        assertThat(only(search("abandoned baskets")).matchedFields()).containsExactly(SearchHit.DESCRIPTION);
    }

    @Test
    void shouldFindProductByTag() {
        index.upsert(product("sales.a").tags("gdpr", "real-time").build());

        assertThat(only(search("gdpr")).matchedFields()).containsExactly(SearchHit.TAGS);
        assertThat(only(search("real time")).productId()).isEqualTo("sales.a");
    }

    @Test
    void shouldFindProductBySchemaFieldPathAndDoc() {
        index.upsert(product("sales.a")
                .field("shippingAddress.postcode", "Postal code where the parcel goes")
                .build());

        assertThat(only(search("postcode")).matchedFields()).containsExactly(SearchHit.FIELDS);
        assertThat(only(search("parcel")).matchedFields()).containsExactly(SearchHit.FIELDS);
    }

    @Test
    void shouldReportEveryPartThatMatched() {
        index.upsert(product("sales.orders")
                .title("Orders")
                .description("All orders placed")
                .tags("orders")
                .field("orderId", "The order's id")
                .build());

        assertThat(only(search("order")).matchedFields())
                .containsExactly(
                        SearchHit.NAME, SearchHit.TITLE, SearchHit.DESCRIPTION, SearchHit.TAGS, SearchHit.FIELDS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "email",
                "Email",
                "customer email",
                "customerEmail",
                "customer.email",
                "customer_email",
                "CUSTOMEREMAIL"
            })
    void shouldFindCamelCaseFieldByItsPartsAndWhole(String query) {
        index.upsertAll(List.of(
                product("sales.a").field("customerEmail", null).build(),
                product("sales.b").field("customerId", null).build()));

        assertThat(ids(search(query))).containsExactly("sales.a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"city", "address city", "shippingAddress", "shipping.address.city", "shippingAddressCity"})
    void shouldFindDottedFieldByItsPartsAndWhole(String query) {
        index.upsertAll(List.of(
                product("sales.a").field("shipping.address.city", null).build(),
                product("sales.b").field("billing.country", null).build()));

        assertThat(ids(search(query))).containsExactly("sales.a");
    }

    @Test
    void shouldNotMatchFieldWhenOnlyOnePartOfCamelCaseQueryIsPresent() {
        index.upsert(product("sales.a").field("customerId", null).build());

        assertThat(search("customerEmail").total()).isZero();
    }

    @Test
    void shouldMatchSingularAndPluralForms() {
        index.upsertAll(List.of(
                product("sales.a").title("Order lines").build(),
                product("sales.b").title("Product categories").build()));

        assertThat(ids(search("orders"))).containsExactly("sales.a");
        assertThat(ids(search("line"))).containsExactly("sales.a");
        assertThat(ids(search("category"))).containsExactly("sales.b");
    }

    @Test
    void shouldRankNameAndTitleAboveDescriptionAboveFieldDocs() {
        index.upsertAll(List.of(
                product("x.in-field-doc").field("amount", "Refund amount").build(),
                product("x.in-description").description("Each refund issued").build(),
                product("x.in-title").title("Refund ledger").build(),
                product("x.refunds").build()));

        List<String> ranked = ids(search("refund"));

        assertThat(ranked.subList(0, 2)).containsExactlyInAnyOrder("x.in-title", "x.refunds");
        assertThat(ranked.subList(2, 4)).containsExactly("x.in-description", "x.in-field-doc");
    }

    @Test
    void shouldMatchLastWordAsPrefixWhileTyping() {
        index.upsertAll(List.of(
                product("sales.a").title("Orders").build(),
                product("sales.b").field("customerEmail", null).build()));

        assertThat(ids(search("ord"))).containsExactly("sales.a");
        assertThat(ids(search("customerEm"))).containsExactly("sales.b");
        assertThat(ids(search("ord "))).isEmpty();
    }

    @Test
    void shouldSearchOneLetterAndSurplusPrefixesAsWords() {
        index.upsertAll(List.of(
                product("x.a").title("Orders").build(),
                product("x.b").title("o rders").build()));

        assertThat(ids(search("o*"))).containsExactly("x.b");
        assertThat(ids(search("ord* ord* ord* ord*"))).containsExactly("x.a");
        assertThat(search("ord* ord* ord* ord* ord*").total()).isZero();
    }

    @Test
    void shouldRankExactWordAbovePrefixOnlyMatch() {
        index.upsertAll(List.of(
                product("x.a").title("Ordering desk").build(),
                product("x.b").title("Ord survey").build()));

        assertThat(ids(search("ord"))).containsExactly("x.b", "x.a");
    }

    @Test
    void shouldMatchQuotedPhraseOnlyWhenWordsAreAdjacent() {
        index.upsertAll(List.of(
                product("x.a").description("the net revenue per day").build(),
                product("x.b").description("revenue, net of tax").build()));

        assertThat(ids(search("\"net revenue\""))).containsExactly("x.a");
        assertThat(ids(search("net revenue"))).containsExactlyInAnyOrder("x.a", "x.b");
    }

    @Test
    void shouldExcludeWordsPrefixedWithMinus() {
        index.upsertAll(List.of(
                product("x.a").title("Daily revenue").build(),
                product("x.b").title("Daily revenue forecast").build()));

        assertThat(ids(search("revenue -forecast"))).containsExactly("x.a");
    }

    @Test
    void shouldRequireEveryWordByDefaultButAcceptAlternatives() {
        index.upsertAll(List.of(
                product("x.a").title("Daily revenue").build(),
                product("x.b").title("Monthly churn").build()));

        assertThat(search("revenue churn").total()).isZero();
        assertThat(ids(search("revenue | churn"))).containsExactlyInAnyOrder("x.a", "x.b");
    }

    @Test
    void shouldListEveryProductByIdWhenQueryIsBlank() {
        index.upsertAll(List.of(
                product("b.two").build(),
                product("a.one").build(),
                product("c.three").build()));

        for (String blank : new String[] {null, "", "   "}) {
            SearchResult result = index.search(blank, null, 10, 0);
            assertThat(ids(result)).containsExactly("a.one", "b.two", "c.three");
            assertThat(result.hits())
                    .allSatisfy(hit -> assertThat(hit.matchedFields()).isEmpty());
        }
    }

    @Test
    void shouldFilterByEachFilterCaseInsensitively() {
        index.upsertAll(List.of(
                product("sales.a")
                        .domain("sales")
                        .tags("PII")
                        .owner("Team-Checkout", "checkout@acme.io")
                        .status("ACTIVE")
                        .classification("internal")
                        .build(),
                product("finance.b")
                        .domain("finance")
                        .tags("ledger")
                        .owner("team-ledger", "ledger@acme.io")
                        .status("DEPRECATED")
                        .classification("restricted")
                        .build()));

        assertThat(ids(filtered(new SearchFilter("SALES", null, null, null, null))))
                .containsExactly("sales.a");
        assertThat(ids(filtered(new SearchFilter(null, "pii", null, null, null))))
                .containsExactly("sales.a");
        assertThat(ids(filtered(new SearchFilter(null, null, "team-checkout", null, null))))
                .containsExactly("sales.a");
        assertThat(ids(filtered(new SearchFilter(null, null, "Ledger@Acme.io", null, null))))
                .containsExactly("finance.b");
        assertThat(ids(filtered(new SearchFilter(null, null, null, "deprecated", null))))
                .containsExactly("finance.b");
        assertThat(ids(filtered(new SearchFilter(null, null, null, null, "RESTRICTED"))))
                .containsExactly("finance.b");
        assertThat(ids(filtered(new SearchFilter("sales", null, null, "deprecated", null))))
                .isEmpty();
        assertThat(ids(filtered(new SearchFilter("", " ", null, null, null)))).containsExactly("finance.b", "sales.a");
    }

    @Test
    void shouldMatchFiltersExactlyNotByWords() {
        index.upsert(product("sales.a")
                .owner("team-checkout", null)
                .tags("real-time")
                .build());

        assertThat(filtered(new SearchFilter(null, null, "checkout", null, null))
                        .total())
                .isZero();
        assertThat(filtered(new SearchFilter(null, "real", null, null, null)).total())
                .isZero();
    }

    @Test
    void shouldCombineFiltersWithText() {
        index.upsertAll(List.of(
                product("sales.orders").domain("sales").status("ACTIVE").build(),
                product("sales.returns")
                        .domain("sales")
                        .status("ACTIVE")
                        .description("Returned orders")
                        .build(),
                product("finance.orders").domain("finance").status("ACTIVE").build()));

        SearchResult result = index.search("orders", new SearchFilter("sales", null, null, "active", null), 10, 0);

        assertThat(result.total()).isEqualTo(2);
        assertThat(ids(result)).containsExactly("sales.orders", "sales.returns");
    }

    @Test
    void shouldPaginateWithTotalAndStableOrderForTies() {
        List<SearchDocument> twins = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            twins.add(product(String.format("twins.p%02d", 24 - i))
                    .title("Identical twin")
                    .build());
        }
        index.upsertAll(twins);

        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10) {
            SearchResult page = index.search("twin", null, 10, offset);
            assertThat(page.total()).isEqualTo(25);
            seen.addAll(ids(page));
        }

        assertThat(seen)
                .containsExactlyElementsOf(IntStream.range(0, 25)
                        .mapToObj(i -> String.format("twins.p%02d", i))
                        .toList());
        assertThat(index.search("twin", null, 10, 1_000_000).hits()).isEmpty();
        assertThat(index.search("twin", null, 10, Integer.MAX_VALUE).total()).isEqualTo(25);
        assertThat(index.search(null, null, 5, 20).hits()).hasSize(5);
    }

    @Test
    void shouldCountEveryHitInTotalBeyondTheTopThousand() {
        List<SearchDocument> many = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            many.add(product("bulk.p" + i).title("Bulk item").build());
        }
        index.upsertAll(many);

        assertThat(index.search("bulk", null, 10, 0).total()).isEqualTo(1_500);
        assertThat(index.search(null, null, 10, 0).total()).isEqualTo(1_500);
    }

    @Test
    void shouldReplaceProductOnUpsert() {
        index.upsert(product("sales.a").title("Old title").build());
        index.upsert(product("sales.a").title("New title").build());

        assertThat(index.size()).isEqualTo(1);
        assertThat(search("old").total()).isZero();
        assertThat(ids(search("new"))).containsExactly("sales.a");
    }

    @Test
    void shouldForgetRemovedProduct() {
        index.upsertAll(List.of(product("sales.a").build(), product("sales.b").build()));

        index.remove("sales.a");
        index.remove("sales.never-indexed");

        assertThat(index.size()).isEqualTo(1);
        assertThat(ids(index.search(null, null, 10, 0))).containsExactly("sales.b");
    }

    @Test
    void shouldSeeUpsertInTheNextSearch() {
        for (int i = 0; i < 50; i++) {
            index.upsert(product("seq.p" + i).build());
            assertThat(index.search(null, null, 1, 0).total()).isEqualTo(i + 1);
        }
    }

    static Stream<String> hostileQueries() {
        return Stream.of(
                "\"unbalanced",
                "unbalanced\"",
                "\"",
                "*",
                "**",
                "ord*",
                "*ord",
                ":",
                "title:orders",
                "AND OR NOT",
                "a AND (b OR",
                "((((",
                "))))",
                "+-|~\\",
                "\\",
                "orders\\",
                "-",
                "--orders",
                "\"\"~5",
                "\"net revenue\"~99999999999",
                "orders~2",
                "[a TO z]",
                "{!lucene}",
                "/regex.*/",
                "?",
                "Kundenbestellungen größer",
                "注文 顧客",
                "заказы",
                "emoji 🚀 orders",
                "\uD800 lone surrogate",
                "\u0000\u0001",
                "tab\tnew\nline",
                "the of and",
                "a".repeat(1_000),
                "a.".repeat(500),
                "aB".repeat(500),
                "ord".repeat(250) + " ");
    }

    @ParameterizedTest
    @MethodSource("hostileQueries")
    void shouldNeverFailOnHostileQueries(String query) {
        index.upsertAll(List.of(
                product("sales.orders")
                        .title("Orders")
                        .field("customerEmail", "The customer's e-mail")
                        .build(),
                product("sales.refunds").build()));

        assertThatCode(() -> index.search(query, SearchFilter.none(), 10, 0)).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectQueriesWithTooManyWordsClearly() {
        index.upsert(product("sales.orders").build());
        StringBuilder manyWords = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            manyWords
                    .append((char) ('a' + i / 26))
                    .append((char) ('a' + i % 26))
                    .append(' ');
        }

        assertThatThrownBy(() -> index.search(manyWords.toString(), null, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too many words");
    }

    @Test
    void shouldRejectQueryLongerThanOneThousandCharacters() {
        assertThatCode(() -> index.search("x".repeat(1_000), null, 10, 0)).doesNotThrowAnyException();
        assertThatCode(() -> index.search("🚀".repeat(1_000), null, 10, 0)).doesNotThrowAnyException();

        assertThatThrownBy(() -> index.search("x".repeat(1_001), null, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1001 characters")
                .hasMessageContaining("at most 1000");
    }

    @Test
    void shouldRejectLimitBelowOneAndNegativeOffset() {
        assertThatThrownBy(() -> index.search("x", null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be at least 1");
        assertThatThrownBy(() -> index.search("x", null, -5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> index.search("x", null, 10, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset must be 0 or more");
    }

    @Test
    void shouldClampLimitToFiveHundred() {
        List<SearchDocument> many = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            many.add(product("bulk.p" + i).build());
        }
        index.upsertAll(many);

        SearchResult result = index.search(null, null, 10_000, 0);

        assertThat(result.total()).isEqualTo(600);
        assertThat(result.hits()).hasSize(ProductSearchIndex.MAX_LIMIT);
    }

    @Test
    void shouldStayConsistentUnderConcurrentUpsertsAndSearches() throws Exception {
        int writers = 4;
        int perWriter = 300;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        Set<Throwable> failures = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> writerTasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                writerTasks.add(pool.submit(() -> {
                    await(start);
                    for (int i = 0; i < perWriter; i++) {
                        String id = "load.w" + writer + "n" + i;
                        index.upsert(product(id).title("Load product " + i).build());
                        // Each product is written twice; the second write must replace the first.
                        index.upsert(product(id)
                                .title("Load product " + i)
                                .status("ACTIVE")
                                .build());
                        if (i % 50 == 0) {
                            SearchResult own =
                                    index.search(null, new SearchFilter(null, null, null, "active", null), 1, 0);
                            if (own.total() < i + 1) {
                                failures.add(new AssertionError("own write not visible: " + own.total()));
                            }
                        }
                    }
                    return null;
                }));
            }
            List<Future<Integer>> searcherTasks = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                searcherTasks.add(pool.submit(() -> {
                    await(start);
                    int searches = 0;
                    do {
                        try {
                            index.search(searches % 2 == 0 ? "load product" : "pro", null, 20, searches % 3);
                            searches++;
                        } catch (RuntimeException e) {
                            failures.add(e);
                            return searches;
                        }
                    } while (writing.get());
                    return searches;
                }));
            }
            start.countDown();
            for (Future<?> task : writerTasks) {
                task.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<Integer> task : searcherTasks) {
                assertThat(task.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures).isEmpty();
        assertThat(index.size()).isEqualTo(writers * perWriter);
        assertThat(index.search("load", null, 1, 0).total()).isEqualTo(writers * perWriter);
        assertThat(index.search(null, new SearchFilter(null, null, null, "ACTIVE", null), 1, 0)
                        .total())
                .isEqualTo(writers * perWriter);
    }

    private SearchResult search(String query) {
        return index.search(query, SearchFilter.none(), 50, 0);
    }

    private SearchResult filtered(SearchFilter filter) {
        return index.search(null, filter, 50, 0);
    }

    private static SearchHit only(SearchResult result) {
        assertThat(result.hits()).hasSize(1);
        return result.hits().get(0);
    }

    private static List<String> ids(SearchResult result) {
        return result.hits().stream().map(SearchHit::productId).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ProductBuilder product(String id) {
        return new ProductBuilder(id);
    }

    /** Builds test products; everything but the id is empty unless set. */
    private static final class ProductBuilder {
        private final String id;
        private String domain;
        private String title;
        private String description;
        private List<String> tags = List.of();
        private String ownerTeam;
        private String ownerEmail;
        private String status;
        private String classification;
        private final List<SchemaField> fields = new ArrayList<>();

        ProductBuilder(String id) {
            this.id = id;
        }

        ProductBuilder domain(String value) {
            domain = value;
            return this;
        }

        ProductBuilder title(String value) {
            title = value;
            return this;
        }

        ProductBuilder description(String value) {
            description = value;
            return this;
        }

        ProductBuilder tags(String... values) {
            tags = List.of(values);
            return this;
        }

        ProductBuilder owner(String team, String email) {
            ownerTeam = team;
            ownerEmail = email;
            return this;
        }

        ProductBuilder status(String value) {
            status = value;
            return this;
        }

        ProductBuilder classification(String value) {
            classification = value;
            return this;
        }

        ProductBuilder field(String path, String doc) {
            fields.add(new SchemaField(path, doc));
            return this;
        }

        SearchDocument build() {
            return new SearchDocument(
                    id,
                    domain,
                    title,
                    description,
                    tags,
                    ownerTeam,
                    ownerEmail,
                    status,
                    classification,
                    Collections.unmodifiableList(fields));
        }
    }
}
