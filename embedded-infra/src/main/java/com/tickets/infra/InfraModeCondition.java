package com.tickets.infra;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The container path on a machine without a Docker engine: with {@code INFRA_MODE=containers} and
 * no engine answering, every test class of a module that tests against real servers is skipped,
 * with the reason in the report and on stderr, instead of failing on the first server it asks
 * for. Registered for every test class through JUnit's extension auto-detection
 * (META-INF/services; the root pom turns auto-detection on). In any other mode it does nothing.
 */
public final class InfraModeCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("decided for the class");
        }
        InfraMode mode = InfraMode.current();
        boolean everyAddressGiven = java.util.Arrays.stream(InfraMode.Server.values()).allMatch(s -> s.givenAddress().isPresent());
        if (mode != InfraMode.CONTAINERS || everyAddressGiven || DockerEngine.answers()) {
            return ConditionEvaluationResult.enabled("INFRA_MODE=" + mode.name().toLowerCase());
        }
        String reason = "INFRA_MODE=containers, but " + DockerEngine.description()
                + ": the container path is skipped (unset INFRA_MODE, or INFRA_MODE=embedded, to run on the embedded servers)";
        System.err.println("[embedded-infra] SKIPPED " + context.getRequiredTestClass().getName() + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
