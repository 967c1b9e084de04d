package io.meshwork.domains.finance;

import java.util.List;

import io.meshwork.sdk.service.MeshService;
import io.meshwork.sdk.service.MeshServiceConfig;

/**
 * The finance domain's service, {@code finance.revenue-pipeline}: publishes {@code finance.daily-revenue} (release
 * 1.0.0 on {@code finance.daily-revenue.v1}) and runs {@link RevenuePipeline}. Settings: {@link MeshServiceConfig}.
 */
public final class FinanceService {
    /** The Kafka Streams application id. */
    public static final String APPLICATION_ID = "finance.revenue-pipeline";

    /** The releases of finance.daily-revenue, oldest first (descriptors on the classpath, from schemas/products). */
    public static final List<String> RELEASES = List.of("products/finance.daily-revenue/1.0.0/dataproduct.yaml");

    private FinanceService() {}

    /**
     * @param config where the mesh is
     * @return the service, not started
     */
    public static MeshService.Builder service(MeshServiceConfig config) {
        MeshService.Builder builder = MeshService.builder(APPLICATION_ID)
                .topology(RevenuePipeline::build)
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
