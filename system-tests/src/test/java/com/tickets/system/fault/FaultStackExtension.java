package com.tickets.system.fault;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every fault scenario the one {@link FaultStack} of this run: starting four services costs
 * more than most scenarios, so they share it. Kept in the root store, it is closed (every process
 * stopped, the database server removed) when the run ends, whether the scenarios passed or not.
 */
final class FaultStackExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FaultStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(FaultStack.class))
                .computeIfAbsent(FaultStack.class, k -> FaultStack.start(), FaultStack.class);
    }
}
