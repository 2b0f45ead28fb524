package com.tickets.notification;

import com.tickets.infra.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against real PostgreSQL and Kafka; mail goes to the mock mailbox. */
@QuarkusTestResource(value = InfrastructureTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notification"), @ResourceArg(name = "redis", value = "false")})
public final class RealInfrastructure {
    private RealInfrastructure() {
    }
}
