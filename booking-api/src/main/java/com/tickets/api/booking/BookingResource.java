package com.tickets.api.booking;

import com.tickets.api.access.BearerToken;
import com.tickets.api.access.BuyerAccess;
import com.tickets.api.access.BuyerSession;
import com.tickets.api.access.EmailAddresses;
import com.tickets.api.access.ForbiddenProblem;
import com.tickets.api.concert.TierTerms;
import com.tickets.api.idempotency.IdempotencyKeys;
import com.tickets.api.problem.Ids;
import com.tickets.api.problem.InvalidRequestProblem;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.api.problem.ProblemException;
import com.tickets.api.ratelimit.BucketKind;
import com.tickets.api.ratelimit.ClientAddress;
import com.tickets.api.ratelimit.RateLimiter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Bookings. Booking and cancelling are rate limited per client address and per buyer e-mail.
 * Reading and cancelling a booking need its own token (in its 201) or a session of its buyer (a
 * mailed sign-in link); listing an e-mail's bookings needs such a session.
 */
@Path("/api/bookings")
@Produces(MediaType.APPLICATION_JSON)
public class BookingResource {

    /** The booking's access token, also in the 201 body as {@code accessToken}. */
    public static final String ACCESS_TOKEN_HEADER = "Booking-Access-Token";

    private final BookingService bookings;
    private final BookingTransitions transitions;
    private final BookingMetrics metrics;
    private final RateLimiter rateLimiter;
    private final BuyerAccess access;
    private final TierTerms tierTerms;
    private final CreatedBooking created;

    BookingResource(BookingService bookings, BookingTransitions transitions, BookingMetrics metrics,
                    RateLimiter rateLimiter, BuyerAccess access, TierTerms tierTerms,
                    CreatedBooking created) {
        this.bookings = bookings;
        this.transitions = transitions;
        this.metrics = metrics;
        this.rateLimiter = rateLimiter;
        this.access = access;
        this.tierTerms = tierTerms;
        this.created = created;
    }

    /**
     * Order of checks: the body (a malformed request is a 400, never a 429); the client address's
     * bucket; the tier, price and sales window against the catalog, so that a request that can only
     * fail never charges the buyer's bucket in their name; the buyer's bucket; then the booking.
     * Nothing here holds a thread while it waits: Redis, the tier's terms (cached) and the batch
     * answer are all {@code Uni}s, so a crowd of buyers costs event-loop callbacks, not parked threads.
     * The request's trace (its server span, a child of an incoming {@code traceparent} header) is taken
     * here, on the request's thread, and made current again where the booking is queued, whichever
     * thread the Redis and cache answers resumed on: its {@code BookingCreated} carries it.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> book(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                              @NotNull(message = "a JSON body is required") @Valid BookingRequest request,
                              @Context HttpServerRequest http) {
        io.opentelemetry.context.Context trace = io.opentelemetry.context.Context.current();
        return Uni.createFrom().item(() -> BookingCommand.of(IdempotencyKeys.resolve(idempotencyKey, request.idempotencyKey()),
                        request))
                .call(() -> rateLimiter.admit(BucketKind.IP, ClientAddress.of(http)))
                .call(command -> tierTerms.of(command.ticketTierId()).invoke(terms -> precheck(command, terms)))
                .call(command -> rateLimiter.admit(BucketKind.EMAIL, command.userEmail()))
                .chain(command -> {
                    try (Scope ignored = trace.makeCurrent()) {
                        return bookings.book(command);
                    }
                })
                .onFailure(SoldOutProblem.class).invoke(metrics::soldOut)
                .onFailure(f -> f instanceof ProblemException && !(f instanceof SoldOutProblem)).invoke(metrics::rejected)
                .map(created::response);
    }

    /** Refusals the catalog already knows; the booking transaction decides again under the tier's lock. */
    private static void precheck(BookingCommand command, Optional<TierTerms.Terms> known) {
        TierTerms.Terms terms = known.orElseThrow(() -> new NotFoundProblem("ticket tier", command.ticketTierId()));
        // the same order as the batch's decision: a draft's tier is not found before its price can be learnt
        BookingBatchDecision.offSale(command.ticketTierId(), terms.concertId(), terms.status(), terms.salesOpenAt(),
                terms.salesCloseAt(), Instant.now()).ifPresent(problem -> {
                    throw problem;
                });
        BigDecimal expected = terms.price().multiply(BigDecimal.valueOf(command.quantity()));
        if (!terms.currency().equals(command.currency()) || expected.compareTo(command.totalPrice()) != 0) {
            throw new PriceMismatchProblem(expected, terms.currency());
        }
    }

    @GET
    @Path("/{id}")
    @Transactional
    public BookingView.OneResponse get(@PathParam("id") String id,
                                       @HeaderParam(BearerToken.AUTHORIZATION) String authorization) {
        UUID bookingId = Ids.parse(id, "id");
        String token = access.requireToken(authorization);
        // a booking the token does not reach is "not found": the answer must not tell that the id exists
        return Booking.findRead(bookingId)
                .filter(read -> access.reachesBooking(token, bookingId, read.booking().userEmail))
                .map(read -> new BookingView.OneResponse(read.view()))
                .orElseThrow(() -> new NotFoundProblem("booking", id));
    }

    /**
     * Cancels a PENDING or CONFIRMED booking: its tickets go back to the tier and a paid booking is
     * refunded. Idempotent: cancelling again (or an EXPIRED booking) answers the booking as it is.
     * From the cancellation cutoff before the show on, a 409.
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
        String buyerEmail = QuarkusTransaction.requiringNew().call(() -> buyerEmailOf(bookingId)
                        .filter(email -> access.reachesBooking(token, bookingId, email)))
                .orElseThrow(() -> new NotFoundProblem("booking", id));
        rateLimiter.check(BucketKind.EMAIL, buyerEmail);
        return QuarkusTransaction.requiringNew().call(() -> {
            transitions.cancel(bookingId).orElseThrow(() -> new NotFoundProblem("booking", id));
            return new BookingView.OneResponse(Booking.findRead(bookingId).orElseThrow().view());
        });
    }

    /** The signed-in buyer's bookings, newest first; {@code email}, if given, must be the session's. */
    @GET
    @Transactional
    public BookingView.PageResponse list(@QueryParam("email") String email,
                                         @QueryParam("page") @DefaultValue("0") String pageParam,
                                         @QueryParam("size") @DefaultValue("20") String sizeParam,
                                         @HeaderParam(BearerToken.AUTHORIZATION) String authorization) {
        Optional<String> asked = Optional.ofNullable(email).filter(e -> !e.isBlank())
                .map(e -> EmailAddresses.normalize(e).orElseThrow(() -> new InvalidRequestProblem("email", "must be an e-mail address")));
        // parsed here, not by JAX-RS, which would answer a malformed query parameter with 404
        int page = boundedInt(pageParam, "page", 0, 100_000);
        int size = boundedInt(sizeParam, "size", 1, 100);
        BuyerSession session = access.requireSession(authorization);
        if (asked.isPresent() && !asked.get().equals(session.email())) {
            throw new ForbiddenProblem();
        }
        var list = Booking.findByEmail(session.email(), page, size).stream().map(Booking.Read::view).toList();
        return new BookingView.PageResponse(list, page, size, Booking.countByEmail(session.email()));
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
