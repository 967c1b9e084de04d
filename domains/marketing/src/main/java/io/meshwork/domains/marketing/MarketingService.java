package io.meshwork.domains.marketing;

import java.util.List;

import io.meshwork.sdk.service.MeshService;
import io.meshwork.sdk.service.MeshServiceConfig;

/**
 * The marketing domain's service, {@code marketing.segmentation}: publishes {@code marketing.customer-segments},
 * subscribes to {@code sales.orders} v2 (the catalog records it as a consumer, which is the lineage), and runs
 * {@link SegmentationPipeline}. Settings: {@link MeshServiceConfig}.
 */
public final class MarketingService {
    /** The Kafka Streams application id. */
    public static final String APPLICATION_ID = "marketing.segmentation";

    /** The releases of marketing.customer-segments, oldest first. */
    public static final List<String> RELEASES = List.of("products/marketing.customer-segments/1.0.0/dataproduct.yaml");

    private MarketingService() {}

    /**
     * @param config where the mesh is
     * @return the service, not started
     */
    public static MeshService.Builder service(MeshServiceConfig config) {
        MeshService.Builder builder = MeshService.builder(APPLICATION_ID)
                .topology(SegmentationPipeline::build)
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
