package com.tickets.api.booking;

import com.tickets.api.idempotency.IdempotencyKeys;
import com.tickets.api.problem.Ids;
import com.tickets.api.problem.InvalidRequestProblem;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.api.problem.ProblemException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Locale;

@Path("/api/bookings")
@Produces(MediaType.APPLICATION_JSON)
public class BookingResource {

    private final BookingService bookings;
    private final BookingTransitions transitions;
    private final BookingMetrics metrics;

    BookingResource(BookingService bookings, BookingTransitions transitions, BookingMetrics metrics) {
        this.bookings = bookings;
        this.transitions = transitions;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response book(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                         @NotNull(message = "a JSON body is required") @Valid BookingRequest request) {
        BookingOutcome outcome;
        try {
            String key = IdempotencyKeys.resolve(idempotencyKey, request.idempotencyKey());
            outcome = bookings.book(BookingCommand.of(key, request));
        } catch (SoldOutProblem e) {
            metrics.soldOut();
            throw e;
        } catch (ProblemException e) {
            metrics.rejected();
            throw e;
        }
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED).entity(outcome.body())
                .type(MediaType.APPLICATION_JSON);
        response.location(URI.create("/api/bookings/" + outcome.bookingId()));
        if (outcome.replayed()) {
            response.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    @Transactional
    public BookingView.OneResponse get(@PathParam("id") String id) {
        Booking booking = Booking.<Booking>findByIdOptional(Ids.parse(id, "id"))
                .orElseThrow(() -> new NotFoundProblem("booking", id));
        return new BookingView.OneResponse(BookingView.of(booking));
    }

    /**
     * Cancels a PENDING or CONFIRMED booking: its tickets go back to the tier and a paid booking is
     * refunded. Idempotent: cancelling again (or an EXPIRED booking) answers the booking as it is.
     */
    @POST
    @Path("/{id}/cancel")
    @Transactional
    public BookingView.OneResponse cancel(@PathParam("id") String id) {
        Booking booking = transitions.cancel(Ids.parse(id, "id")).orElseThrow(() -> new NotFoundProblem("booking", id));
        return new BookingView.OneResponse(BookingView.of(booking));
    }

    @GET
    @Transactional
    public BookingView.PageResponse byEmail(@QueryParam("email") String email,
                                            @QueryParam("page") @DefaultValue("0") String pageParam,
                                            @QueryParam("size") @DefaultValue("20") String sizeParam) {
        if (email == null || email.isBlank() || email.length() > 254) {
            throw new InvalidRequestProblem("email", "is required");
        }
        // parsed here, not by JAX-RS, which would answer a malformed query parameter with 404
        int page = boundedInt(pageParam, "page", 0, 100_000);
        int size = boundedInt(sizeParam, "size", 1, 100);
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        var list = Booking.findByEmail(normalized, page, size).stream().map(BookingView::of).toList();
        return new BookingView.PageResponse(list, page, size, Booking.countByEmail(normalized));
    }

    private static int boundedInt(String value, String field, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestProblem(field, "must be a whole number between " + min + " and " + max);
    }
}
