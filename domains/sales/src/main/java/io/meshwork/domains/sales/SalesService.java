package io.meshwork.domains.sales;

import java.util.List;

import io.meshwork.sdk.service.MeshService;
import io.meshwork.sdk.service.MeshServiceConfig;

/**
 * The sales domain's service, {@code sales.order-pipeline}: publishes {@code sales.orders} (every release, oldest
 * first: 1.0.0, the compatible 1.1.0 that also deprecates v1, and the breaking 2.0.0 on a new topic) and runs
 * {@link OrderPipeline}. Settings: {@link MeshServiceConfig}.
 */
public final class SalesService {
    /** The Kafka Streams application id. */
    public static final String APPLICATION_ID = "sales.order-pipeline";

    /** The releases of sales.orders, oldest first (descriptors on the classpath, from schemas/products). */
    public static final List<String> RELEASES = List.of(
            "products/sales.orders/1.0.0/dataproduct.yaml",
            "products/sales.orders/1.1.0/dataproduct.yaml",
            "products/sales.orders/2.0.0/dataproduct.yaml");

    private SalesService() {}

    /**
     * @param config where the mesh is
     * @return the service, not started
     */
    public static MeshService.Builder service(MeshServiceConfig config) {
        MeshService.Builder builder = MeshService.builder(APPLICATION_ID)
                .topology(OrderPipeline::build)
                .config(config);
        RELEASES.forEach(builder::release);
        return builder;
    }

    /**
     * Runs the service until Ctrl-C.
     *
     * @param args none
     */
    public static void main(String[] args) {
        MeshService.run(service(MeshServiceConfig.fromEnvironment()));
    }
}
