package com.tickets.system.fault;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every fault scenario the one {@link FaultStack} of this run: starting four services costs
 * more than most scenarios, so they share it. Kept in the root store, it is closed (every process
 * stopped, the database server removed) when the run ends, whether the scenarios passed or not. If
 * it cannot be started, the first scenario fails with the cause and the others fail at once with it
 * instead of each trying again for minutes.
 */
final class FaultStackExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FaultStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        FaultStack stack = context.getRoot().getStore(ExtensionContext.Namespace.create(FaultStack.class))
                .computeIfAbsent(Attempt.class, k -> Attempt.start(), Attempt.class).stack();
        stack.readyForNextScenario();
        return stack;
    }

    private record Attempt(FaultStack started, RuntimeException failure) implements AutoCloseable {

        static Attempt start() {
            try {
                return new Attempt(FaultStack.start(), null);
            } catch (RuntimeException e) {
                return new Attempt(null, e);
            }
        }

        FaultStack stack() {
            if (failure != null) {
                throw new IllegalStateException("the fault suite's stack did not start", failure);
            }
            return started;
        }

        @Override
        public void close() {
            if (started != null) {
                started.close();
            }
        }
    }
}
