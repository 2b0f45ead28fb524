package com.tickets.api.booking;

import com.tickets.api.access.AccessTokenInBody;
import com.tickets.api.access.BearerToken;
import com.tickets.api.access.BuyerAccess;
import com.tickets.api.access.BuyerAccessTokens;
import com.tickets.api.idempotency.IdempotencyKeys;
import com.tickets.api.problem.Ids;
import com.tickets.api.problem.InvalidRequestProblem;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.api.problem.ProblemException;
import com.tickets.api.ratelimit.BucketKind;
import com.tickets.api.ratelimit.ClientAddress;
import com.tickets.api.ratelimit.RateLimiter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Bookings. Booking and cancelling are rate limited per client address and per buyer e-mail; reading
 * and cancelling a booking, and listing an e-mail's bookings, need that buyer's access token
 * ({@code Authorization: Bearer}), which every 201 of {@code POST /api/bookings} carries.
 */
@Path("/api/bookings")
@Produces(MediaType.APPLICATION_JSON)
public class BookingResource {

    /** The buyer's access token, also in the 201 body as {@code accessToken}. */
    public static final String ACCESS_TOKEN_HEADER = "Booking-Access-Token";

    private final BookingService bookings;
    private final BookingTransitions transitions;
    private final BookingMetrics metrics;
    private final RateLimiter rateLimiter;
    private final BuyerAccessTokens tokens;
    private final BuyerAccess access;

    BookingResource(BookingService bookings, BookingTransitions transitions, BookingMetrics metrics,
                    RateLimiter rateLimiter, BuyerAccessTokens tokens, BuyerAccess access) {
        this.bookings = bookings;
        this.transitions = transitions;
        this.metrics = metrics;
        this.rateLimiter = rateLimiter;
        this.tokens = tokens;
        this.access = access;
    }

    /**
     * The body has been validated before this runs (a malformed request is a 400, never a 429); then
     * the client address's bucket and the buyer's bucket each give a token, or the answer is 429.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response book(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                         @NotNull(message = "a JSON body is required") @Valid BookingRequest request,
                         @Context HttpServerRequest http) {
        BookingOutcome outcome;
        BookingCommand command;
        try {
            String key = IdempotencyKeys.resolve(idempotencyKey, request.idempotencyKey());
            command = BookingCommand.of(key, request);
            rateLimiter.check(BucketKind.IP, ClientAddress.of(http));
            rateLimiter.check(BucketKind.EMAIL, command.userEmail());
            outcome = bookings.book(command);
        } catch (SoldOutProblem e) {
            metrics.soldOut();
            throw e;
        } catch (ProblemException e) {
            metrics.rejected();
            throw e;
        }
        // The token depends on the e-mail alone, so a replay's body is byte for byte the first one's.
        String token = tokens.issue(command.userEmail());
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                .entity(AccessTokenInBody.splice(outcome.body(), token))
                .type(MediaType.APPLICATION_JSON)
                .header(ACCESS_TOKEN_HEADER, token);
        response.location(URI.create("/api/bookings/" + outcome.bookingId()));
        if (outcome.replayed()) {
            response.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    @Transactional
    public BookingView.OneResponse get(@PathParam("id") String id,
                                       @HeaderParam(BearerToken.AUTHORIZATION) String authorization) {
        UUID bookingId = Ids.parse(id, "id");
        String token = access.requireToken(authorization);
        // another buyer's booking is "not found": the answer must not tell that the id exists
        Booking booking = Booking.<Booking>findByIdOptional(bookingId)
                .filter(b -> access.isBuyer(token, b.userEmail))
                .orElseThrow(() -> new NotFoundProblem("booking", id));
        return new BookingView.OneResponse(BookingView.of(booking));
    }

    /**
     * Cancels a PENDING or CONFIRMED booking: its tickets go back to the tier and a paid booking is
     * refunded. Idempotent: cancelling again (or an EXPIRED booking) answers the booking as it is.
     */
    @POST
    @Path("/{id}/cancel")
    public BookingView.OneResponse cancel(@PathParam("id") String id,
                                          @HeaderParam(BearerToken.AUTHORIZATION) String authorization,
                                          @Context HttpServerRequest http) {
        UUID bookingId = Ids.parse(id, "id");
        String token = access.requireToken(authorization);
        rateLimiter.check(BucketKind.IP, ClientAddress.of(http));
        // The owner is read in a short transaction of its own, and the rate limits (Redis) are checked
        // outside any transaction: the cancel's transaction, with its row lock, holds no network call.
        String buyerEmail = QuarkusTransaction.requiringNew().call(() -> buyerEmailOf(bookingId))
                .filter(email -> access.isBuyer(token, email))
                .orElseThrow(() -> new NotFoundProblem("booking", id));
        rateLimiter.check(BucketKind.EMAIL, buyerEmail);
        return QuarkusTransaction.requiringNew().call(() -> new BookingView.OneResponse(BookingView.of(
                transitions.cancel(bookingId).orElseThrow(() -> new NotFoundProblem("booking", id)))));
    }

    @GET
    @Transactional
    public BookingView.PageResponse byEmail(@QueryParam("email") String email,
                                            @QueryParam("page") @DefaultValue("0") String pageParam,
                                            @QueryParam("size") @DefaultValue("20") String sizeParam,
                                            @HeaderParam(BearerToken.AUTHORIZATION) String authorization) {
        if (email == null || email.isBlank() || email.length() > 254) {
            throw new InvalidRequestProblem("email", "is required");
        }
        // parsed here, not by JAX-RS, which would answer a malformed query parameter with 404
        int page = boundedInt(pageParam, "page", 0, 100_000);
        int size = boundedInt(sizeParam, "size", 1, 100);
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        access.requireBuyer(authorization, normalized);
        var list = Booking.findByEmail(normalized, page, size).stream().map(BookingView::of).toList();
        return new BookingView.PageResponse(list, page, size, Booking.countByEmail(normalized));
    }

    private static Optional<String> buyerEmailOf(UUID bookingId) {
        return Booking.getEntityManager()
                .createQuery("select b.userEmail from Booking b where b.id = :id", String.class)
                .setParameter("id", bookingId)
                .getResultStream().findFirst();
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
