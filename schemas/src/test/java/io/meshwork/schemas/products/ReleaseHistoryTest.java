package io.meshwork.schemas.products;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The build-time check of {@code schemas/products}: every product's history passes its compatibility level. */
class ReleaseHistoryTest {
    private static final Path PRODUCTS = Path.of("products");

    static Stream<Path> products() throws IOException {
        try (Stream<Path> list = Files.list(PRODUCTS)) {
            return list.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @Test
    void shouldHaveProductHistoriesToCheck() throws IOException {
        assertThat(products()).extracting(p -> p.getFileName().toString()).contains("sales.orders");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("products")
    void shouldPassItsCompatibilityLevelReleaseAfterRelease(Path product) {
        assertThat(new ReleaseHistory(product).problems()).isEmpty();
    }

    @Test
    void shouldCatchABreakingChangeWithinAMajorVersion(@TempDir Path dir) throws IOException {
        Path product = dir.resolve("shop.orders");
        release(product, "1.0.0", "{\"name\": \"amount\", \"type\": \"double\", \"doc\": \"Total.\"}");
        release(product, "1.1.0", "{\"name\": \"amount\", \"type\": \"string\", \"doc\": \"Total.\"}");

        List<String> problems = new ReleaseHistory(product).problems();

        assertThat(problems)
                .hasSize(2)
                .allSatisfy(p -> assertThat(p)
                        .contains("shop.orders 1.1.0 breaks FULL_TRANSITIVE on shop.orders.v1-value")
                        .contains("TYPE_MISMATCH at /fields/0/type")
                        .contains("2.0.0 on shop.orders.v2"))
                .anySatisfy(p -> assertThat(p).contains("cannot read data written by 1.0.0"))
                .anySatisfy(p -> assertThat(p).contains("cannot be read by 1.0.0"));
    }

    @Test
    void shouldAcceptABreakingChangeShippedAsANewMajorVersion(@TempDir Path dir) throws IOException {
        Path product = dir.resolve("shop.orders");
        release(product, "1.0.0", "{\"name\": \"amount\", \"type\": \"double\", \"doc\": \"Total.\"}");
        release(product, "2.0.0", "{\"name\": \"amount\", \"type\": \"string\", \"doc\": \"Total.\"}");

        assertThat(new ReleaseHistory(product).problems()).isEmpty();
    }

    @Test
    void shouldCatchAReleaseInTheWrongFolder(@TempDir Path dir) throws IOException {
        Path product = dir.resolve("shop.orders");
        release(product, "1.0.0", "{\"name\": \"amount\", \"type\": \"double\", \"doc\": \"Total.\"}");
        Files.move(product.resolve("1.0.0"), product.resolve("1.2.0"));

        assertThat(new ReleaseHistory(product).problems())
                .singleElement()
                .asString()
                .contains("declares version 1.0.0 but sits in folder 1.2.0");
    }

    private static void release(Path product, String version, String field) throws IOException {
        Path dir = Files.createDirectories(product.resolve(version));
        int major = Integer.parseInt(version.substring(0, 1));
        Files.writeString(
                dir.resolve("dataproduct.yaml"),
                """
                id: shop.orders
                version: %s
                domain: shop
                outputPorts:
                  - topic: shop.orders.v%d
                    schema: order.avsc
                """
                        .formatted(version, major));
        Files.writeString(
                dir.resolve("order.avsc"), "{\"type\": \"record\", \"name\": \"Order\", \"fields\": [" + field + "]}");
    }
}
