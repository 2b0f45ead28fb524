package com.tickets.api.booking;

import com.tickets.api.access.AccessTokenInBody;
import com.tickets.api.access.BookingTokens;
import com.tickets.api.idempotency.IdempotencyKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;

/** The {@code 201} of a booking, wherever it was made (the booking route, a waitlist offer's claim). */
@ApplicationScoped
public class CreatedBooking {

    private final BookingTokens tokens;
    private final URI publicBase;

    CreatedBooking(BookingTokens tokens, @ConfigProperty(name = "booking.public-base-url") URI publicBase) {
        this.tokens = tokens;
        this.publicBase = publicBase;
    }

    public Response response(BookingOutcome outcome) {
        // a function of the booking id: a replay's body is byte for byte the first one's
        String token = tokens.issue(outcome.bookingId());
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                .entity(AccessTokenInBody.splice(outcome.body(), token))
                .type(MediaType.APPLICATION_JSON)
                .header(BookingResource.ACCESS_TOKEN_HEADER, token)
                .location(publicBase.resolve("/api/bookings/" + outcome.bookingId()));
        if (outcome.replayed()) {
            response.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return response.build();
    }
}
