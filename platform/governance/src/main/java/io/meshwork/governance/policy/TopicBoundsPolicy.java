package io.meshwork.governance.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.schemas.governance.GovernanceAction;

/**
 * {@code topic.bounds}: each output port's partitions and retention, when given, are within the platform's bounds
 * ({@link PolicySettings#minPartitions()}..{@link PolicySettings#maxPartitions()}, {@link
 * PolicySettings#minRetention()}..{@link PolicySettings#maxRetention()}, infinite only when allowed).
 */
public final class TopicBoundsPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "topic.bounds";

    public TopicBoundsPolicy() {
        super(
                ID,
                "Output topic partitions and retention are within the platform's bounds",
                "Partitions and retention cost broker resources shared by every domain, and very short retention"
                        + " loses data before slow consumers read it.",
                PolicySeverity.BLOCKER,
                GovernanceAction.DECLARE,
                GovernanceAction.PUBLISH,
                GovernanceAction.CHECK);
    }

    @Override
    public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
        ParsedDescriptor parsed = input.descriptor();
        if (parsed == null) {
            return List.of(Finding.skipped(NO_DESCRIPTOR));
        }
        List<Finding> findings = new ArrayList<>();
        List<OutputPort> ports = parsed.descriptor().outputPorts();
        for (int i = 0; i < ports.size(); i++) {
            OutputPort port = ports.get(i);
            String prefix = "outputPorts[" + i + "].";
            Integer partitions = port.partitions();
            if (partitions != null
                    && (partitions < settings.minPartitions() || partitions > settings.maxPartitions())) {
                findings.add(Finding.failed(
                        "topic " + port.topic() + " asks for " + partitions + " partitions; the platform allows "
                                + settings.minPartitions() + " to " + settings.maxPartitions(),
                        "set " + prefix + "partitions: to a number from " + settings.minPartitions() + " to "
                                + settings.maxPartitions() + " in " + parsed.file()
                                + ", or remove it for the platform default",
                        parsed.locate(prefix + "partitions")));
            }
            Duration retention = port.retention();
            if (retention == null) {
                continue;
            }
            String range = "the platform allows " + human(settings.minRetention()) + " to "
                    + human(settings.maxRetention())
                    + (settings.allowInfiniteRetention() ? " or infinite" : "");
            String fix = "set " + prefix + "retention: between " + human(settings.minRetention()) + " and "
                    + human(settings.maxRetention()) + " in " + parsed.file();
            if (retention.equals(OutputPort.INFINITE_RETENTION)) {
                if (!settings.allowInfiniteRetention()) {
                    findings.add(Finding.failed(
                            "topic " + port.topic() + " keeps records forever; " + range,
                            fix,
                            parsed.locate(prefix + "retention")));
                }
            } else if (retention.compareTo(settings.minRetention()) < 0
                    || retention.compareTo(settings.maxRetention()) > 0) {
                findings.add(Finding.failed(
                        "topic " + port.topic() + " asks for retention " + human(retention) + "; " + range,
                        fix,
                        parsed.locate(prefix + "retention")));
            }
        }
        return findings;
    }

    /** @return e.g. {@code 7d}, {@code 12h}, {@code 90m}, {@code 30s}, {@code 500ms} */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % Duration.ofDays(1).toMillis() == 0) {
            return d.toDays() + "d";
        }
        if (ms % Duration.ofHours(1).toMillis() == 0) {
            return d.toHours() + "h";
        }
        if (ms % Duration.ofMinutes(1).toMillis() == 0) {
            return d.toMinutes() + "m";
        }
        if (ms % 1000 == 0) {
            return d.toSeconds() + "s";
        }
        return ms + "ms";
    }
}
