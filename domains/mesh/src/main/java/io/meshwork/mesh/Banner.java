package io.meshwork.mesh;

import java.util.Locale;

import io.meshwork.sdk.service.MeshService;
import io.meshwork.sdk.service.ProductRelease;

/** What the embedded mesh prints once it runs: where everything is, and a few things to try. */
final class Banner {
    private Banner() {}

    static String of(EmbeddedMesh mesh) {
        StringBuilder s = new StringBuilder();
        String platform = mesh.platformUri().toString();
        s.append(String.format(
                Locale.ROOT,
                "%nMeshwork is running: every example product is active (%.1f s).%n",
                mesh.startupTime().toMillis() / 1000.0));
        s.append("  Kafka      bootstrap.servers=")
                .append(mesh.bootstrapServers())
                .append("   (data in ")
                .append(mesh.options().dataDir().toAbsolutePath())
                .append(")\n");
        s.append("  Platform   ")
                .append(platform)
                .append("   catalog API ")
                .append(platform)
                .append("api/v1, registry (schema.registry.url) ")
                .append(platform)
                .append(", OpenAPI ")
                .append(platform)
                .append("openapi/meshwork-platform-v1.yml\n");
        for (MeshService service : mesh.services()) {
            s.append("  Service    ").append(service.applicationId());
            if (service.healthUri() != null) {
                s.append("   health ")
                        .append(service.healthUri())
                        .append("health   metrics ")
                        .append(service.healthUri())
                        .append("metrics");
            }
            s.append('\n');
            for (ProductRelease r : service.liveReleases()) {
                s.append("             writes ")
                        .append(r.productId())
                        .append(' ')
                        .append(r.version())
                        .append(" on ")
                        .append(r.descriptor().outputPorts().get(0).topic())
                        .append('\n');
            }
        }
        s.append(mesh.options().simulate() ? "  Traffic    simulated on every raw source topic\n" : "");
        s.append("Try:\n");
        s.append("  ./meshctl products list\n");
        s.append("  ./meshctl products show sales.orders\n");
        s.append("  ./meshctl tail sales.orders --major 2 --limit 5\n");
        s.append("  ./meshctl lineage marketing.customer-segments\n");
        s.append("  ./meshctl dlq list sales.orders --major 2\n");
        s.append("  ./meshctl check schemas/products/sales.orders/2.0.0/dataproduct.yaml\n");
        s.append("  curl -s '").append(platform).append("api/v1/search?q=customer'\n");
        s.append("Press Ctrl-C to stop; the data is kept for the next start.");
        return s.toString();
    }
}
