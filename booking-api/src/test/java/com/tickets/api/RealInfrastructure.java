package com.tickets.api;

import com.tickets.infra.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every {@code @QuarkusTest} of this module runs against real PostgreSQL, Redis and Kafka:
 * embedded servers, or the ones named by INFRA_* environment variables (see Infrastructure).
 */
@QuarkusTestResource(value = InfrastructureTestResource.class, initArgs = @ResourceArg(name = "database", value = "booking"))
public final class RealInfrastructure {
    private RealInfrastructure() {
    }
}
