package io.meshwork.schemas;

import java.util.List;

import io.meshwork.schemas.governance.ChangeClassification;
import io.meshwork.schemas.governance.ChangeKind;
import io.meshwork.schemas.governance.GovernanceAction;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.governance.PolicyOutcome;
import io.meshwork.schemas.governance.PolicyResult;
import io.meshwork.schemas.governance.SchemaChange;
import io.meshwork.schemas.governance.Severity;
import io.meshwork.schemas.governance.Verdict;
import org.junit.jupiter.api.Named;

/** Realistic {@link GovernanceDecision}s, with every optional field both set and unset somewhere. */
final class GovernanceDecisionExamples {

    private GovernanceDecisionExamples() {}

    /** Every example, named for the test report. */
    static List<Named<GovernanceDecision>> all() {
        return List.of(
                Named.of(
                        "publication denied for a breaking change",
                        GovernanceDecision.newBuilder()
                                .setDecisionId("5b2d8f61-0c4e-4e7a-8d35-7c1b9a0e6f42")
                                .setTime(LifecycleEventExamples.T0)
                                .setActor(LifecycleEventExamples.SALES_SERVICE)
                                .setProductId("sales.orders")
                                .setVersion("1.6.0")
                                .setAction(GovernanceAction.PUBLISH)
                                .setSubject("sales.orders.v1-value")
                                .setVerdict(Verdict.DENIED)
                                .setResults(List.of(
                                        PolicyResult.newBuilder()
                                                .setPolicyId("schema.compatibility")
                                                .setSeverity(Severity.BLOCKER)
                                                .setOutcome(PolicyOutcome.FAILED)
                                                .setMessage("sales.orders.v1-value 1.6.0 is not FULL_TRANSITIVE"
                                                        + " compatible with 1.5.0: field 'amount' changed type")
                                                .setFix("keep 'amount' as double in v1, or publish the change as"
                                                        + " version 2.0.0 on sales.orders.v2")
                                                .setLocation("sales.orders.v1-value#amount")
                                                .build(),
                                        PolicyResult.newBuilder()
                                                .setPolicyId("naming.product-id")
                                                .setSeverity(Severity.BLOCKER)
                                                .setOutcome(PolicyOutcome.PASSED)
                                                .setMessage("product id 'sales.orders' follows <domain>.<name>")
                                                .build()))
                                .setChanges(List.of(
                                        SchemaChange.newBuilder()
                                                .setPath("amount")
                                                .setKind(ChangeKind.TYPE_CHANGED)
                                                .setClassification(ChangeClassification.BREAKING)
                                                .setDescription("field 'amount' changed type from double to string")
                                                .build(),
                                        SchemaChange.newBuilder()
                                                .setPath("discountCode")
                                                .setKind(ChangeKind.FIELD_ADDED)
                                                .setClassification(ChangeClassification.INFO)
                                                .setDescription("field 'discountCode' added as optional string with"
                                                        + " default null")
                                                .build()))
                                .setDryRun(false)
                                .build()),
                Named.of(
                        "schema registration allowed with warnings",
                        GovernanceDecision.newBuilder()
                                .setDecisionId("0b9e5f0c-5d0a-4a53-9a0f-3c0d7f1e2a11")
                                .setTime(LifecycleEventExamples.T0.plusSeconds(30))
                                .setActor(LifecycleEventExamples.SALES_SERVICE)
                                .setProductId("sales.orders")
                                .setAction(GovernanceAction.REGISTER_SCHEMA)
                                .setSubject("sales.orders.v1-value")
                                .setVerdict(Verdict.ALLOWED_WITH_WARNINGS)
                                .setResults(List.of(PolicyResult.newBuilder()
                                        .setPolicyId("docs.every-field")
                                        .setSeverity(Severity.WARNING)
                                        .setOutcome(PolicyOutcome.FAILED)
                                        .setMessage("field 'discountCode' has no doc")
                                        .setFix("add a \"doc\" to field 'discountCode' in Order.avsc")
                                        .setLocation("sales.orders.v1-value#discountCode")
                                        .build()))
                                .setChanges(List.of(SchemaChange.newBuilder()
                                        .setPath("status")
                                        .setKind(ChangeKind.DEFAULT_REMOVED)
                                        .setClassification(ChangeClassification.WARNING)
                                        .setDescription("field 'status' lost its default 'NEW'")
                                        .build()))
                                .build()),
                Named.of(
                        "dry-run check in CI with nothing to compare",
                        GovernanceDecision.newBuilder()
                                .setDecisionId("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
                                .setTime(LifecycleEventExamples.T0.plusSeconds(60))
                                .setActor(LifecycleEventExamples.SALES_SERVICE)
                                .setProductId("marketing.campaigns")
                                .setVersion("1.0.0")
                                .setAction(GovernanceAction.CHECK)
                                .setVerdict(Verdict.ALLOWED)
                                .setResults(List.of(PolicyResult.newBuilder()
                                        .setPolicyId("schema.compatibility")
                                        .setSeverity(Severity.BLOCKER)
                                        .setOutcome(PolicyOutcome.SKIPPED)
                                        .setMessage("no previous version of marketing.campaigns to compare against")
                                        .build()))
                                .setDryRun(true)
                                .build()),
                Named.of(
                        "subscription allowed automatically",
                        GovernanceDecision.newBuilder()
                                .setDecisionId("1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9")
                                .setTime(LifecycleEventExamples.T0.plusSeconds(90))
                                .setActor(LifecycleEventExamples.FINANCE_CONSUMER)
                                .setProductId("sales.orders")
                                .setAction(GovernanceAction.SUBSCRIBE)
                                .setVerdict(Verdict.ALLOWED)
                                .setResults(List.of(PolicyResult.newBuilder()
                                        .setPolicyId("access.classification")
                                        .setSeverity(Severity.INFO)
                                        .setOutcome(PolicyOutcome.PASSED)
                                        .setMessage("sales.orders is internal: granted without approval")
                                        .build()))
                                .setChanges(List.of())
                                .build()));
    }
}
