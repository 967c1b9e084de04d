package io.meshwork.domains.sales;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.meshwork.domains.sales.v2.Channel;
import io.meshwork.domains.sales.v2.Currency;
import io.meshwork.domains.sales.v2.OrderLine;
import io.meshwork.sdk.service.MeshTopology;
import io.meshwork.sdk.service.ProductPort;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The sales domain's topology: raw order events from the shop ({@code sales.raw-orders}) are read, re-keyed by order id
 * and written to both live major versions of {@code sales.orders}: v1 (deprecated, amounts as doubles) for the
 * consumers that have not moved yet, and v2 (exact decimals, typed currency and channel). An event that cannot be read
 * goes to {@code sales.orders.v2.dlq}; an order failing a quality rule goes to the dead-letter topic of each version
 * whose rule it fails.
 */
public final class OrderPipeline {
    /** The raw source topic. */
    public static final String RAW_ORDERS = "sales.raw-orders";
    /** The deprecated major version. */
    public static final String ORDERS_V1 = "sales.orders.v1";
    /** The current major version. */
    public static final String ORDERS_V2 = "sales.orders.v2";

    private OrderPipeline() {}

    /**
     * Builds the topology.
     *
     * @param mesh the service's topology builder
     */
    public static void build(MeshTopology mesh) {
        ProductPort<String, io.meshwork.domains.sales.v1.Order> v1 =
                mesh.port(ORDERS_V1, io.meshwork.domains.sales.v1.Order.class);
        ProductPort<String, io.meshwork.domains.sales.v2.Order> v2 =
                mesh.port(ORDERS_V2, io.meshwork.domains.sales.v2.Order.class);
        KStream<String, ParsedOrder> orders =
                mesh.source(RAW_ORDERS).mapValues(RawOrders::parse).selectKey((key, order) -> order.orderId());
        mesh.to(orders.mapValues(OrderPipeline::toV1), v1);
        mesh.to(orders.mapValues(OrderPipeline::toV2), v2);
    }

    static io.meshwork.domains.sales.v1.Order toV1(ParsedOrder o) {
        return io.meshwork.domains.sales.v1.Order.newBuilder()
                .setOrderId(o.orderId())
                .setCustomerId(o.customerId())
                .setCustomerEmail(o.customerEmail())
                .setAmount(o.total().doubleValue())
                .setCurrency(o.currency())
                .setPlacedAt(o.placedAt())
                .setChannel(o.channel())
                .setItemCount(o.itemCount())
                .build();
    }

    static io.meshwork.domains.sales.v2.Order toV2(ParsedOrder o) {
        List<OrderLine> lines = new ArrayList<>();
        for (ParsedOrder.Line l : o.lines()) {
            lines.add(OrderLine.newBuilder()
                    .setSku(l.sku())
                    .setQuantity(l.quantity())
                    .setUnitPrice(l.unitPrice())
                    .build());
        }
        return io.meshwork.domains.sales.v2.Order.newBuilder()
                .setOrderId(o.orderId())
                .setCustomerId(o.customerId())
                .setCustomerEmail(o.customerEmail())
                .setTotal(o.total())
                .setCurrency(currency(o.currency()))
                .setChannel(Channel.valueOf(o.channel().toUpperCase(Locale.ROOT)))
                .setLines(lines)
                .setPlacedAt(o.placedAt())
                .build();
    }

    private static Currency currency(String code) {
        for (Currency c : Currency.values()) {
            if (c.name().equals(code)) {
                return c;
            }
        }
        return Currency.OTHER;
    }
}
