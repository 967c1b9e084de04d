package io.meshwork.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.meshwork.schemas.lifecycle.LifecycleEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogProjectionTest {
    private final Events events = new Events();
    private final CatalogProjection catalog = new CatalogProjection();

    private void applyAll(LifecycleEvent... all) {
        for (LifecycleEvent e : all) {
            assertThat(catalog.apply(e).kind())
                    .as(e.getPayload().getClass().getSimpleName())
                    .isEqualTo(ApplyOutcome.Kind.APPLIED);
        }
    }

    private ProductStatus status(String id, int major) {
        return catalog.product(id).orElseThrow().line(major).orElseThrow().status();
    }

    @Test
    void shouldWalkTheLifecycleFromDraftThroughPendingActiveDeprecatedToRetired() {
        applyAll(events.declared("sales.orders", "1.0.0"));
        assertThat(status("sales.orders", 1)).isEqualTo(ProductStatus.DRAFT);
        applyAll(events.requested("sales.orders", "1.0.0", null));
        assertThat(status("sales.orders", 1)).isEqualTo(ProductStatus.PENDING);
        applyAll(events.published("sales.orders", "1.0.0", 7));
        ProductView.Line line =
                catalog.product("sales.orders").orElseThrow().line(1).orElseThrow();
        assertThat(line.status()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(line.activeVersion()).isEqualTo("1.0.0");
        assertThat(line.valueSchemaId()).isEqualTo(7);

        applyAll(
                events.declared("sales.orders", "1.1.0"),
                events.requested("sales.orders", "1.1.0", "1.0.0"),
                events.published("sales.orders", "1.1.0", 8));
        assertThat(catalog.product("sales.orders")
                        .orElseThrow()
                        .line(1)
                        .orElseThrow()
                        .activeVersion())
                .isEqualTo("1.1.0");

        applyAll(events.deprecated("sales.orders", 1));
        assertThat(status("sales.orders", 1)).isEqualTo(ProductStatus.DEPRECATED);
        applyAll(events.retired("sales.orders", 1));
        assertThat(status("sales.orders", 1)).isEqualTo(ProductStatus.RETIRED);
    }

    @Test
    void shouldGoBackToRejectedAndAllowANewRequestAfterARejection() {
        applyAll(
                events.declared("sales.orders", "1.0.0"),
                events.requested("sales.orders", "1.0.0", null),
                events.rejected("sales.orders", "1.0.0"));
        assertThat(status("sales.orders", 1)).isEqualTo(ProductStatus.REJECTED);
        assertThat(catalog.product("sales.orders")
                        .orElseThrow()
                        .version("1.0.0")
                        .orElseThrow()
                        .status())
                .isEqualTo(VersionStatus.REJECTED);
        applyAll(events.requested("sales.orders", "1.0.0", null), events.published("sales.orders", "1.0.0", 3));
        assertThat(status("sales.orders", 1)).isEqualTo(ProductStatus.ACTIVE);
    }

    @Test
    void shouldRefuseIllegalTransitionsWithAReasonAndLeaveTheStateUnchanged() {
        applyAll(events.declared("sales.orders", "1.0.0"));
        String before = catalog.stateHash();

        ApplyOutcome deprecateDraft = catalog.apply(events.deprecated("sales.orders", 1));
        ApplyOutcome publishUnrequested = catalog.apply(events.published("sales.orders", "1.0.0", 1));
        ApplyOutcome retireDraft = catalog.apply(events.retired("sales.orders", 1));
        ApplyOutcome unknownProduct = catalog.apply(events.requested("sales.unknown", "1.0.0", null));

        assertThat(List.of(deprecateDraft, publishUnrequested, retireDraft, unknownProduct))
                .allSatisfy(o -> {
                    assertThat(o.kind()).isEqualTo(ApplyOutcome.Kind.REFUSED);
                    assertThat(o.reason()).isNotBlank();
                    assertThat(o.fix()).isNotBlank();
                });
        assertThat(deprecateDraft.reason()).contains("sales.orders v1 cannot be deprecated: it is DRAFT");
        assertThat(publishUnrequested.reason()).contains("not pending");
        assertThat(unknownProduct.reason()).contains("unknown product 'sales.unknown'");
        assertThat(status("sales.orders", 1)).isEqualTo(ProductStatus.DRAFT);
        List<ProductView.TimelineEntry> timeline =
                catalog.product("sales.orders").orElseThrow().timeline();
        assertThat(timeline).filteredOn(ProductView.TimelineEntry::refused).hasSize(3);
        assertThat(catalog.orphanEvents()).hasSize(1);
        assertThat(catalog.stateHash()).isNotEqualTo(before); // refusals are part of the audit trail
    }

    @Test
    void shouldRefuseNewVersionsOnARetiredMajorAndVersionsNotNewerThanTheActiveOne() {
        applyAll(
                events.declared("sales.orders", "1.2.0"),
                events.requested("sales.orders", "1.2.0", null),
                events.published("sales.orders", "1.2.0", 1));
        ApplyOutcome older = catalog.apply(events.declared("sales.orders", "1.1.0"));
        assertThat(older.reason()).contains("not newer than the active version 1.2.0");

        applyAll(events.deprecated("sales.orders", 1), events.retired("sales.orders", 1));
        ApplyOutcome onRetired = catalog.apply(events.declared("sales.orders", "1.3.0"));
        assertThat(onRetired.kind()).isEqualTo(ApplyOutcome.Kind.REFUSED);
        assertThat(onRetired.reason()).contains("retired");
        assertThat(onRetired.fix()).contains("2.0.0");
    }

    @Test
    void shouldIgnoreARedeliveredEvent() {
        LifecycleEvent declared = events.declared("sales.orders", "1.0.0");
        applyAll(declared);
        String hash = catalog.stateHash();
        assertThat(catalog.apply(declared).kind()).isEqualTo(ApplyOutcome.Kind.DUPLICATE);
        assertThat(catalog.stateHash()).isEqualTo(hash);
    }

    @Test
    void shouldGrantSubscriptionsAndRevokeThemWhenTheMajorIsRetired() {
        applyAll(
                events.declared("sales.orders", "1.0.0"),
                events.requested("sales.orders", "1.0.0", null),
                events.published("sales.orders", "1.0.0", 1),
                events.subscriptionRequested("sales.orders", 1, "s-1", "finance.revenue"),
                events.granted("sales.orders", "s-1"));
        assertThat(catalog.subscription("s-1").orElseThrow().status()).isEqualTo(SubscriptionStatus.GRANTED);
        assertThat(catalog.apply(events.granted("sales.orders", "s-1")).kind()).isEqualTo(ApplyOutcome.Kind.REFUSED);

        applyAll(events.deprecated("sales.orders", 1), events.retired("sales.orders", 1));
        SubscriptionView revoked = catalog.subscription("s-1").orElseThrow();
        assertThat(revoked.status()).isEqualTo(SubscriptionStatus.REVOKED);
        assertThat(revoked.reason()).contains("retired");
        assertThat(catalog.apply(events.subscriptionRequested("sales.orders", 1, "s-2", null))
                        .reason())
                .contains("RETIRED");
    }

    @Test
    void shouldKeepTheNewestHeartbeatPerInstanceByEventTime() {
        applyAll(
                events.declared("sales.orders", "1.0.0"),
                events.requested("sales.orders", "1.0.0", null),
                events.published("sales.orders", "1.0.0", 1));
        LifecycleEvent older = events.heartbeat("sales.orders", 1, "i-1", 10);
        LifecycleEvent newer = events.heartbeat("sales.orders", 1, "i-1", 20);
        applyAll(newer);
        assertThat(catalog.apply(older).kind()).isEqualTo(ApplyOutcome.Kind.DUPLICATE);
        assertThat(catalog.product("sales.orders")
                        .orElseThrow()
                        .line(1)
                        .orElseThrow()
                        .instances())
                .singleElement()
                .satisfies(i -> assertThat(i.recordsOut()).isEqualTo(20));
        assertThat(catalog.apply(events.heartbeat("sales.orders", 9, "i-2", 1)).kind())
                .isEqualTo(ApplyOutcome.Kind.REFUSED);
    }

    @Test
    void shouldReachTheSameHashWhateverTheInterleavingOfProducts() {
        List<List<LifecycleEvent>> perProduct = new ArrayList<>();
        for (String id : List.of("sales.orders", "finance.revenue", "marketing.segments")) {
            perProduct.add(List.of(
                    events.declared(id, "1.0.0"),
                    events.requested(id, "1.0.0", null),
                    events.published(id, "1.0.0", 1),
                    events.heartbeat(id, 1, "i-1", 5),
                    events.deprecated(id, 1)));
        }
        CatalogProjection inOrder = new CatalogProjection();
        perProduct.forEach(list -> list.forEach(inOrder::apply));

        CatalogProjection interleaved = new CatalogProjection();
        List<Integer> picks = new ArrayList<>();
        for (int p = 0; p < perProduct.size(); p++) {
            picks.addAll(Collections.nCopies(perProduct.get(p).size(), p));
        }
        Collections.shuffle(picks, new Random(42));
        int[] next = new int[perProduct.size()];
        for (int p : picks) {
            interleaved.apply(perProduct.get(p).get(next[p]++));
        }
        assertThat(interleaved.stateHash()).isEqualTo(inOrder.stateHash());
        assertThat(interleaved.product("finance.revenue").orElseThrow().status())
                .isEqualTo(ProductStatus.DEPRECATED);
    }
}
