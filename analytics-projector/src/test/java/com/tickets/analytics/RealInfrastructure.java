package com.tickets.analytics;

import com.tickets.infra.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against real PostgreSQL and Kafka. */
@QuarkusTestResource(value = InfrastructureTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "analytics"), @ResourceArg(name = "redis", value = "false")})
public final class RealInfrastructure {
    private RealInfrastructure() {
    }
}
