package io.meshwork.domains.marketing;

import io.meshwork.domains.marketing.internal.OrderStats;
import io.meshwork.domains.marketing.internal.WebStats;
import io.meshwork.domains.marketing.v1.CustomerSegment;
import io.meshwork.domains.sales.v2.Order;
import io.meshwork.sdk.service.MeshTopology;
import io.meshwork.sdk.service.ProductPort;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The marketing domain's topology, a product of two domains: the orders of {@code sales.orders} v2 (read as its
 * consumer) and the signed-in visits of the web shop's clickstream ({@code marketing.raw-web-events}) are summed per
 * customer, joined, and classified into a segment on {@code marketing.customer-segments.v1}. Anonymous visits are
 * ignored; an unreadable web event goes to the product's dead-letter topic.
 */
public final class SegmentationPipeline {
    /** The upstream product. */
    public static final String ORDERS = "sales.orders";
    /** The major version of the upstream product read. */
    public static final int ORDERS_MAJOR = 2;
    /** The raw clickstream. */
    public static final String WEB_EVENTS = "marketing.raw-web-events";
    /** The product topic. */
    public static final String SEGMENTS = "marketing.customer-segments.v1";

    private SegmentationPipeline() {}

    /**
     * Builds the topology.
     *
     * @param mesh the service's topology builder
     */
    public static void build(MeshTopology mesh) {
        ProductPort<String, CustomerSegment> segments = mesh.port(SEGMENTS, CustomerSegment.class);

        KTable<String, OrderStats> orders = mesh.product(ORDERS, ORDERS_MAJOR, Order.class)
                .map(
                        (orderId, order) -> KeyValue.pair(order.getCustomerId(), Segments.of(order)),
                        Named.as("orders-by-customer"))
                .groupByKey(Grouped.with("orders-by-customer", Serdes.String(), mesh.serde(OrderStats.class)))
                .reduce(
                        Segments::plus,
                        Named.as("order-totals"),
                        Materialized.<String, OrderStats, KeyValueStore<Bytes, byte[]>>as("order-totals")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(mesh.serde(OrderStats.class)));

        KTable<String, WebStats> visits = mesh.source(WEB_EVENTS)
                .mapValues(WebEvents::parse, Named.as("parse-web-events"))
                .filter((key, event) -> event.customerId() != null, Named.as("signed-in-only"))
                .map(
                        (key, event) -> KeyValue.pair(event.customerId(), Segments.of(event)),
                        Named.as("visits-by-customer"))
                .groupByKey(Grouped.with("visits-by-customer", Serdes.String(), mesh.serde(WebStats.class)))
                .reduce(
                        Segments::plus,
                        Named.as("visit-totals"),
                        Materialized.<String, WebStats, KeyValueStore<Bytes, byte[]>>as("visit-totals")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(mesh.serde(WebStats.class)));

        mesh.to(
                orders.outerJoin(visits, (o, v) -> o == null && v == null ? null : new Pair(o, v))
                        .toStream(Named.as("segment-changes"))
                        .filter((customer, pair) -> pair != null)
                        .mapValues((customer, pair) -> Segments.segment(customer, pair.orders(), pair.web())),
                segments);
    }

    /** A customer's two running totals, either possibly null. */
    private record Pair(OrderStats orders, WebStats web) {}
}
