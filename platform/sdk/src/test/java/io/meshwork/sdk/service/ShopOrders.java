package io.meshwork.sdk.service;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.sdk.fixtures.Order;
import io.meshwork.sdk.fixtures.OrderStatus;
import org.apache.kafka.streams.kstream.KStream;

/** The test service: raw order JSON from {@code shop.raw-orders} to {@code shop.orders.v1}. */
final class ShopOrders {
    static final String APPLICATION = "shop.order-pipeline";
    static final String RELEASE = "products/shop.orders/1.0.0/dataproduct.yaml";
    static final String RAW = "shop.raw-orders";
    static final String TOPIC = "shop.orders.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShopOrders() {}

    static void build(MeshTopology mesh) {
        ProductPort<String, Order> orders = mesh.port(TOPIC, Order.class);
        KStream<String, String> raw = mesh.source(RAW);
        mesh.to(raw.mapValues(ShopOrders::parse), orders);
    }

    /** @throws IllegalArgumentException for text that is not an order */
    static Order parse(String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
        }
        if (!json.path("orderId").isTextual() || !json.path("quantity").canConvertToInt()) {
            throw new IllegalArgumentException("an order needs a text orderId and a whole quantity");
        }
        return Order.newBuilder()
                .setOrderId(json.path("orderId").asText())
                .setQuantity(json.path("quantity").asInt())
                .setPrice(json.path("price").asDouble())
                .setStatus(OrderStatus.NEW)
                .setNote(null)
                .setCreatedAtMillis(json.path("at").asLong(0))
                .build();
    }

    static String order(String id, int quantity, double price) {
        return "{\"orderId\":\"" + id + "\",\"quantity\":" + quantity + ",\"price\":" + price + ",\"at\":1}";
    }
}
