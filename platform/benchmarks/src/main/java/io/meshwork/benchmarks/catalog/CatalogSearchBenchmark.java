package io.meshwork.benchmarks.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.meshwork.catalog.search.ProductSearchIndex;
import io.meshwork.catalog.search.SchemaField;
import io.meshwork.catalog.search.SearchDocument;
import io.meshwork.catalog.search.SearchFilter;

/**
 * Load harness for the catalog search figures in {@code docs/benchmarks.md}: indexes a generated catalog of products
 * in a {@link ProductSearchIndex}, then times a mix of queries such as users type them (one word, two words, a schema
 * field name, a word with a filter, a prefix while typing, a quoted phrase), first on one thread, then on several.
 *
 * <p>The catalog is generated from word lists with a seeded {@link Random}, so every run indexes the same products
 * and asks the same queries: 12 domains, titles and descriptions built from the domain's entities, 2–5 tags, and
 * 10–40 schema fields per product, each a camelCase or dotted path with a sentence of documentation.
 *
 * <p>Options: {@code --products N} (default 10000), {@code --queries N} measured queries per run (default 20000),
 * {@code --warmup N} queries before measuring (default 20000), {@code --threads N} threads of the concurrent run
 * (default 2), {@code --limit N} page size (default 20), {@code --seed N} (default 42), {@code --upsert-every N} in
 * the last run, one upsert before every N-th search (default 10; 0 skips that run).
 */
public final class CatalogSearchBenchmark {
    private static final List<String> DOMAINS = List.of(
            "sales",
            "finance",
            "marketing",
            "product-usage",
            "logistics",
            "inventory",
            "support",
            "payments",
            "identity",
            "risk",
            "pricing",
            "hr");

    private static final Map<String, List<String>> ENTITIES = Map.ofEntries(
            Map.entry("sales", List.of("order", "basket", "checkout", "quote", "lead", "opportunity", "return")),
            Map.entry("finance", List.of("invoice", "ledger", "journal", "budget", "refund", "settlement", "accrual")),
            Map.entry("marketing", List.of("campaign", "audience", "impression", "click", "conversion", "newsletter")),
            Map.entry("product-usage", List.of("session", "pageview", "event", "feature", "device", "experiment")),
            Map.entry("logistics", List.of("shipment", "parcel", "carrier", "route", "delivery", "warehouse")),
            Map.entry("inventory", List.of("stock", "sku", "reservation", "replenishment", "location", "count")),
            Map.entry("support", List.of("ticket", "conversation", "agent", "survey", "escalation", "article")),
            Map.entry("payments", List.of("payment", "authorization", "capture", "chargeback", "payout", "card")),
            Map.entry("identity", List.of("account", "login", "profile", "consent", "credential", "role")),
            Map.entry("risk", List.of("score", "alert", "case", "rule", "signal", "blocklist")),
            Map.entry("pricing", List.of("price", "discount", "promotion", "tariff", "coupon", "margin")),
            Map.entry("hr", List.of("employee", "position", "absence", "payroll", "review", "hiring")));

    private static final List<String> QUALIFIERS = List.of(
            "daily",
            "hourly",
            "enriched",
            "raw",
            "aggregated",
            "validated",
            "deduplicated",
            "real-time",
            "monthly",
            "regional",
            "global",
            "historical",
            "curated",
            "late",
            "cancelled",
            "open");

    private static final List<String> VERBS = List.of(
            "placed", "updated", "created", "closed", "approved", "rejected", "shipped", "settled", "opened", "merged");

    private static final List<String> PURPOSES = List.of(
            "for reporting and forecasting",
            "used by the fraud models",
            "feeding the executive dashboards",
            "for reconciliation with the bank statements",
            "to drive personalised recommendations",
            "kept for audit and compliance",
            "for capacity planning",
            "consumed by the customer notifications service",
            "for experimentation analysis",
            "to measure service levels");

    private static final List<String> LIMITATIONS = List.of(
            "Late events are corrected within 24 hours.",
            "Amounts are in the original currency.",
            "Test accounts are excluded.",
            "Records older than two years are compacted.",
            "Personal data is pseudonymised.",
            "Only the latest state per key is kept.",
            "Timestamps are in UTC.",
            "Partial days are marked as provisional.");

    private static final List<String> TAGS = List.of(
            "pii",
            "gdpr",
            "kpi",
            "realtime",
            "batch",
            "finance",
            "customer",
            "tier-1",
            "tier-2",
            "experimental",
            "golden",
            "sox",
            "ml-feature",
            "reference-data",
            "public-api",
            "deprecated-soon");

    private static final List<String> FIELD_PARTS = List.of(
            "customer",
            "order",
            "line",
            "item",
            "amount",
            "currency",
            "email",
            "address",
            "city",
            "country",
            "postcode",
            "created",
            "updated",
            "status",
            "price",
            "quantity",
            "discount",
            "tax",
            "session",
            "device",
            "channel",
            "source",
            "region",
            "store",
            "product",
            "category",
            "brand",
            "payment",
            "method",
            "card",
            "merchant",
            "shipping",
            "billing",
            "phone",
            "name",
            "first",
            "last",
            "birth",
            "date",
            "score",
            "reason",
            "code",
            "total",
            "net",
            "gross",
            "vat",
            "segment",
            "language",
            "timezone",
            "referrer",
            "campaign",
            "cost");

    private static final List<String> FIELD_SUFFIXES = List.of("Id", "At", "Code", "Count", "Type", "Flag", "Ms");

    private static final List<String> FIELD_DOC_TEMPLATES = List.of(
            "The %s of the %s, as reported by the source system.",
            "%s of the %s when the record was %s.",
            "Identifier of the %s that the %s belongs to.",
            "When the %s was %s, in UTC milliseconds; null for %s not yet processed.",
            "Normalised %s of the %s; see the %s glossary.",
            "ISO code of the %s for the %s.");

    private static final List<String> TEAMS = List.of(
            "team-checkout",
            "team-ledger",
            "team-growth",
            "team-insights",
            "team-fulfilment",
            "team-stock",
            "team-care",
            "team-payments",
            "team-identity",
            "team-fraud",
            "team-pricing",
            "team-people");

    private static final List<String> STATUSES = List.of("ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "DEPRECATED", "DRAFT");

    private static final List<String> CLASSIFICATIONS =
            List.of("public", "internal", "internal", "confidential", "restricted");

    /** The kinds of query in the measured mix, with their share of it. */
    enum QueryKind {
        ONE_WORD(25),
        TWO_WORDS(20),
        FIELD_NAME(20),
        WORD_WITH_FILTER(15),
        PREFIX(15),
        PHRASE(5);

        final int percent;

        QueryKind(int percent) {
            this.percent = percent;
        }
    }

    /** One query of the mix. */
    record BenchQuery(QueryKind kind, String text, SearchFilter filter) {}

    private CatalogSearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int products = Integer.parseInt(options.getOrDefault("--products", "10000"));
        int queries = Integer.parseInt(options.getOrDefault("--queries", "20000"));
        int warmup = Integer.parseInt(options.getOrDefault("--warmup", "20000"));
        int threads = Integer.parseInt(options.getOrDefault("--threads", "2"));
        int limit = Integer.parseInt(options.getOrDefault("--limit", "20"));
        long seed = Long.parseLong(options.getOrDefault("--seed", "42"));
        int upsertEvery = Integer.parseInt(options.getOrDefault("--upsert-every", "10"));

        System.out.printf(
                "Catalog search: %d products, %d warm-up + %d measured queries per run, page size %d, seed %d;"
                        + " %d cores, Java %s, max heap %d MB%n",
                products,
                warmup,
                queries,
                limit,
                seed,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));

        Random random = new Random(seed);
        List<SearchDocument> catalog = new ArrayList<>(products);
        long fields = 0;
        for (int i = 0; i < products; i++) {
            SearchDocument doc = product(random, i);
            fields += doc.fields().size();
            catalog.add(doc);
        }
        System.out.printf(
                "  generated %d products with %d schema fields (%.1f per product)%n",
                products, fields, fields / (double) products);

        try (ProductSearchIndex index = new ProductSearchIndex()) {
            long start = System.nanoTime();
            index.upsertAll(catalog);
            int size = index.size();
            long indexing = System.nanoTime() - start;
            System.out.printf(
                    "Indexing: %d products in %.0f ms (%.0f products/s), upsertAll then size() (one reopen)%n",
                    size, millis(indexing), size / (indexing / 1e9));
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            System.out.printf(
                    "  heap in use after a full GC: %d MB (index, generated catalog and JVM)%n",
                    (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));

            List<BenchQuery> warmupQueries = queries(new Random(seed + 1), catalog, warmup);
            List<BenchQuery> measured = queries(new Random(seed + 2), catalog, queries);
            run(index, warmupQueries, 1, limit);
            run(index, warmupQueries.subList(0, warmupQueries.size() / 4), threads, limit);

            Run single = run(index, measured, 1, limit);
            report("1 thread", single);
            reportByKind(single);
            Run concurrent = run(index, measured, threads, limit);
            report(threads + (threads == 1 ? " thread" : " threads"), concurrent);

            if (upsertEvery > 0) {
                // Re-indexing while searching: the search after an upsert pays for reopening the index.
                Run withWrites = runWithUpserts(index, measured, catalog, limit, upsertEvery, new Random(seed + 3));
                report("1 thread, 1 upsert before every " + upsertEvery + " searches", withWrites);
            }
        }
    }

    /** Latencies of one run, in nanoseconds in query order, and its wall time. */
    record Run(List<BenchQuery> queries, long[] nanos, long wallNanos, long totalHits) {}

    private static Run run(ProductSearchIndex index, List<BenchQuery> queries, int threads, int limit)
            throws Exception {
        long[] nanos = new long[queries.size()];
        long[] hits = new long[threads];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                tasks.add(pool.submit(() -> {
                    for (int q = thread; q < queries.size(); q += threads) {
                        BenchQuery query = queries.get(q);
                        long begin = System.nanoTime();
                        hits[thread] += index.search(query.text(), query.filter(), limit, 0)
                                .total();
                        nanos[q] = System.nanoTime() - begin;
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
            return new Run(
                    queries,
                    nanos,
                    System.nanoTime() - start,
                    Arrays.stream(hits).sum());
        } finally {
            pool.shutdown();
        }
    }

    private static Run runWithUpserts(
            ProductSearchIndex index,
            List<BenchQuery> queries,
            List<SearchDocument> catalog,
            int limit,
            int upsertEvery,
            Random random) {
        long[] nanos = new long[queries.size()];
        long hits = 0;
        long start = System.nanoTime();
        for (int q = 0; q < queries.size(); q++) {
            if (q % upsertEvery == 0) {
                // Re-index an existing product unchanged, so the catalog the queries run against stays the same.
                index.upsert(catalog.get(random.nextInt(catalog.size())));
            }
            BenchQuery query = queries.get(q);
            long begin = System.nanoTime();
            hits += index.search(query.text(), query.filter(), limit, 0).total();
            nanos[q] = System.nanoTime() - begin;
        }
        return new Run(queries, nanos, System.nanoTime() - start, hits);
    }

    private static void report(String label, Run run) {
        long[] sorted = run.nanos().clone();
        Arrays.sort(sorted);
        System.out.printf(
                "Search, %s: %d queries, %.0f queries/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms"
                        + " (%.1f hits per query on average)%n",
                label,
                sorted.length,
                sorted.length / (run.wallNanos() / 1e9),
                millis(percentile(sorted, 50)),
                millis(percentile(sorted, 95)),
                millis(percentile(sorted, 99)),
                millis(sorted[sorted.length - 1]),
                run.totalHits() / (double) sorted.length);
    }

    private static void reportByKind(Run run) {
        Map<QueryKind, List<Long>> byKind = new EnumMap<>(QueryKind.class);
        for (int i = 0; i < run.nanos().length; i++) {
            byKind.computeIfAbsent(run.queries().get(i).kind(), k -> new ArrayList<>())
                    .add(run.nanos()[i]);
        }
        byKind.forEach((kind, list) -> {
            long[] sorted = list.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "    %-17s %6d queries, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    kind.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    sorted.length,
                    millis(percentile(sorted, 50)),
                    millis(percentile(sorted, 99)),
                    millis(sorted[sorted.length - 1]));
        });
    }

    private static SearchDocument product(Random random, int number) {
        String domain = DOMAINS.get(number % DOMAINS.size());
        List<String> entities = ENTITIES.get(domain);
        String entity = pick(random, entities);
        String qualifier = pick(random, QUALIFIERS);
        String name = qualifier + "-" + plural(entity) + "-" + number;
        String title = capitalize(qualifier.replace('-', ' ')) + " " + plural(entity) + " by " + pick(random, entities);
        String description = capitalize(plural(entity)) + " " + pick(random, VERBS) + " in the " + domain
                + " domain, " + qualifier.replace('-', ' ') + ", joined with " + plural(pick(random, entities)) + " "
                + pick(random, PURPOSES) + ". " + pick(random, LIMITATIONS) + " " + pick(random, LIMITATIONS);
        Set<String> tags = new LinkedHashSet<>();
        int tagCount = 2 + random.nextInt(4);
        while (tags.size() < tagCount) {
            tags.add(pick(random, TAGS));
        }
        int fieldCount = 10 + random.nextInt(31);
        Set<String> paths = new LinkedHashSet<>();
        List<SchemaField> fields = new ArrayList<>(fieldCount);
        while (fields.size() < fieldCount) {
            String path = fieldPath(random, entity);
            if (paths.add(path)) {
                fields.add(new SchemaField(path, fieldDoc(random, path, entity, entities)));
            }
        }
        int team = DOMAINS.indexOf(domain);
        return new SearchDocument(
                domain + "." + name,
                domain,
                title,
                description,
                List.copyOf(tags),
                TEAMS.get(team),
                TEAMS.get(team).substring("team-".length()) + "@meshwork.example",
                pick(random, STATUSES),
                pick(random, CLASSIFICATIONS),
                fields);
    }

    private static String fieldPath(Random random, String entity) {
        int shape = random.nextInt(10);
        if (shape < 5) {
            // camelCase: customerEmail, orderLineAmount, createdAt
            StringBuilder path = new StringBuilder(pick(random, FIELD_PARTS));
            int parts = random.nextInt(3);
            for (int i = 0; i < parts; i++) {
                path.append(capitalize(pick(random, FIELD_PARTS)));
            }
            if (random.nextInt(3) == 0) {
                path.append(pick(random, FIELD_SUFFIXES));
            }
            return path.toString();
        } else if (shape < 8) {
            // dotted: shipping.address.city
            return pick(random, FIELD_PARTS) + "." + pick(random, FIELD_PARTS)
                    + (random.nextBoolean() ? "." + pick(random, FIELD_PARTS) : "");
        }
        // snake_case with the entity: order_id, order_total_amount
        return entity + "_" + pick(random, FIELD_PARTS) + (random.nextBoolean() ? "_" + pick(random, FIELD_PARTS) : "");
    }

    private static String fieldDoc(Random random, String path, String entity, List<String> entities) {
        String words = String.join(" ", path.split("(?<=[a-z])(?=[A-Z])|[._]")).toLowerCase(Locale.ROOT);
        String template = pick(random, FIELD_DOC_TEMPLATES);
        Object[] arguments = {words, entity, pick(random, VERBS), plural(pick(random, entities))};
        return String.format(Locale.ROOT, template, Arrays.copyOf(arguments, count(template, "%s")));
    }

    private static List<BenchQuery> queries(Random random, List<SearchDocument> catalog, int count) {
        List<String> vocabulary = new ArrayList<>();
        // In DOMAINS order: Map.ofEntries iterates in an order that changes from one JVM to the next.
        for (String domain : DOMAINS) {
            for (String entity : ENTITIES.get(domain)) {
                vocabulary.add(entity);
                vocabulary.add(plural(entity));
            }
        }
        vocabulary.addAll(QUALIFIERS);
        vocabulary.addAll(FIELD_PARTS);
        vocabulary.addAll(List.of("reconciliation", "dashboards", "fraud", "currency", "audit", "forecasting"));
        List<BenchQuery> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            QueryKind kind = kind(random);
            SearchFilter filter = SearchFilter.none();
            String text;
            switch (kind) {
                case ONE_WORD -> text = pick(random, vocabulary);
                case TWO_WORDS -> text = pick(random, vocabulary) + " " + pick(random, vocabulary);
                case FIELD_NAME -> {
                    SearchDocument doc = catalog.get(random.nextInt(catalog.size()));
                    text = doc.fields().get(random.nextInt(doc.fields().size())).path();
                }
                case WORD_WITH_FILTER -> {
                    text = pick(random, vocabulary);
                    filter = switch (random.nextInt(3)) {
                        case 0 -> new SearchFilter(pick(random, DOMAINS), null, null, null, null);
                        case 1 -> new SearchFilter(null, pick(random, TAGS), null, "ACTIVE", null);
                        default -> new SearchFilter(null, null, pick(random, TEAMS), null, "internal");
                    };
                }
                case PREFIX -> {
                    String word = pick(random, vocabulary);
                    text = word.substring(0, Math.min(word.length(), 2 + random.nextInt(3)));
                }
                case PHRASE -> {
                    SearchDocument doc = catalog.get(random.nextInt(catalog.size()));
                    String[] words = doc.title().split(" ");
                    text = "\"" + words[0] + " " + words[1] + "\"";
                }
                default -> throw new IllegalStateException(kind.name());
            }
            queries.add(new BenchQuery(kind, text, filter));
        }
        return queries;
    }

    private static QueryKind kind(Random random) {
        int roll = random.nextInt(100);
        for (QueryKind kind : QueryKind.values()) {
            if (roll < kind.percent) {
                return kind;
            }
            roll -= kind.percent;
        }
        return QueryKind.ONE_WORD;
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static String plural(String noun) {
        if (noun.endsWith("y") && !noun.endsWith("ey")) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") ? noun + "es" : noun + "s";
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
