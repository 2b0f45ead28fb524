package com.tickets.notification;

import com.tickets.events.signing.BuyerTokens;
import com.tickets.events.signing.TicketCodes;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * What the mails hand to a buyer: the link that manages one booking, a sign-in link, the link that
 * claims a waitlist offer, and the ticket codes. All derived here from ids with keys this worker
 * shares with booking-api (which checks them), so none of them ever travels on Kafka. The links are hash routes of the web page: a browser sends
 * nothing after {@code #} to a server, so the tokens stay out of access logs and Referer headers.
 */
@ApplicationScoped
public class BuyerLinks {

    private final BuyerTokens tokens;
    private final TicketCodes ticketCodes;
    private final String base;

    BuyerLinks(@ConfigProperty(name = "notification.access.secret") String accessSecret,
               @ConfigProperty(name = "notification.ticket-code.secret") String ticketCodeSecret,
               @ConfigProperty(name = "notification.public-base-url") URI publicBaseUrl) {
        this.tokens = new BuyerTokens(accessSecret);
        this.ticketCodes = new TicketCodes(ticketCodeSecret);
        String url = publicBaseUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String manageBooking(UUID bookingId) {
        return base + "/#/bookings/" + bookingId + "/" + tokens.bookingToken(bookingId);
    }

    public String signIn(UUID linkId) {
        return base + "/#/sign-in/" + tokens.signInToken(linkId);
    }

    /** The offer mail's claim link: the web page's offer route, with the entry's claim token. */
    public String claimWaitlistOffer(UUID entryId) {
        return base + "/#/waitlist/offers/" + tokens.waitlistOfferToken(entryId);
    }

    public List<String> ticketCodes(UUID bookingId, int quantity) {
        return ticketCodes.of(bookingId, quantity);
    }
}
