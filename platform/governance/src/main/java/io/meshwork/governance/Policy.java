package io.meshwork.governance;

import java.util.List;
import java.util.Set;

import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.schemas.governance.GovernanceAction;

/**
 * One governance rule of the mesh, as code. The {@link GovernanceEngine} runs every policy that {@linkplain
 * #appliesTo() applies} to an action, at the policy's effective severity (the global setting, possibly tightened by the
 * product's descriptor), and turns its findings into the decision's policy results.
 *
 * <p>A policy is stateless and thread-safe: it judges only the {@link PolicyInput} and the {@link PolicySettings} it is
 * given.
 */
public interface Policy {
    /** @return the stable id, lowercase and dotted, e.g. {@code naming.product-id} */
    String id();

    /** @return one line saying what the policy requires, e.g. for {@code meshctl policies list}; also the message of a pass */
    String title();

    /** @return why the policy exists, for the documentation and operators */
    String rationale();

    /** @return the severity when the platform's configuration names none */
    PolicySeverity defaultSeverity();

    /** @return the actions the policy runs on; the engine does not run it on others */
    Set<GovernanceAction> appliesTo();

    /**
     * Judges one action.
     *
     * @param input what is being judged
     * @param settings the platform's global governance configuration
     * @return an empty list when the input passes; one {@link Finding#failed failed} finding per problem; or a single
     *     {@link Finding#skipped skipped} finding saying why the policy does not apply to this input
     */
    List<Finding> evaluate(PolicyInput input, PolicySettings settings);
}
