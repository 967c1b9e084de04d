package io.meshwork.domains.product;

import java.util.List;

import io.meshwork.sdk.service.MeshService;
import io.meshwork.sdk.service.MeshServiceConfig;

/**
 * The product domain's service, {@code product.usage-stats}: publishes {@code product.feature-usage} (every release,
 * oldest first: 1.0.0, and the compatible 1.1.0 that adds events per platform, both on
 * {@code product.feature-usage.v1}) and runs {@link UsagePipeline}. Settings: {@link MeshServiceConfig}.
 */
public final class ProductService {
    /** The Kafka Streams application id. */
    public static final String APPLICATION_ID = "product.usage-stats";

    /** The releases of product.feature-usage, oldest first (descriptors on the classpath, from schemas/products). */
    public static final List<String> RELEASES = List.of(
            "products/product.feature-usage/1.0.0/dataproduct.yaml",
            "products/product.feature-usage/1.1.0/dataproduct.yaml");

    private ProductService() {}

    /**
     * @param config where the mesh is
     * @return the service, not started
     */
    public static MeshService.Builder service(MeshServiceConfig config) {
        MeshService.Builder builder = MeshService.builder(APPLICATION_ID)
                .topology(UsagePipeline::build)
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
