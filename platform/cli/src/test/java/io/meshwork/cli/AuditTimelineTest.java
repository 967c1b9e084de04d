package io.meshwork.cli;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTimelineTest {
    @Test
    void shouldMergeDecisionsAndEventsOldestFirstComparingInstantsNotText() throws IOException {
        JsonNode audit = Run.JSON.readTree(
                """
                {"productId": "sales.orders",
                 "decisions": [{"time": "2026-05-04T10:00:00.500Z", "action": "PUBLISH", "verdict": "ALLOWED"},
                               {"time": "2026-05-04T09:00:00Z", "action": "DECLARE", "verdict": "ALLOWED"}],
                 "events": [{"time": "2026-05-04T10:00:00Z", "kind": "PublicationRequested"},
                            {"time": "2026-05-04T10:00:01Z", "kind": "ProductPublished"}]}""");

        JsonNode entries = AuditCommand.timeline(audit).path("entries");

        assertThat(entries.findValuesAsText("time"))
                .containsExactly(
                        "2026-05-04T09:00:00Z",
                        "2026-05-04T10:00:00Z",
                        "2026-05-04T10:00:00.500Z",
                        "2026-05-04T10:00:01Z");
        assertThat(entries.findValuesAsText("type")).containsExactly("decision", "event", "decision", "event");
    }
}
