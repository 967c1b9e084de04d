package io.meshwork.sdk.service;

/**
 * A data product service's processing, as one method over a {@link MeshTopology}: read sources and upstream products,
 * transform, write to the product's ports. Kept pure (no I/O, no config): the same method runs in production and under
 * {@code TopologyTestDriver} (see {@code io.meshwork.sdk.testing.TopologyTestKit}).
 *
 * <pre>{@code
 * static void build(MeshTopology mesh) {
 *     ProductPort<String, Order> orders = mesh.port("sales.orders.v1", Order.class);
 *     KStream<String, String> raw = mesh.source("sales.raw-orders");
 *     mesh.to(raw.mapValues(RawOrders::parse), orders);   // a parse exception dead-letters the raw record
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ProductTopology {
    /**
     * Adds the service's processing to the topology.
     *
     * @param mesh the builder, ports and sources of this service
     */
    void build(MeshTopology mesh);
}
