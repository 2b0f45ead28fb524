package com.tickets.notification;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * {@code GET /mailbox?to=<email>}: the mails a buyer would have received, kept in memory when the
 * mailer is mocked (the local run). Off unless {@code notification.mailbox-page.enabled}, and always
 * off in the {@code prod} profile: anyone could read anyone's booking links here.
 */
@Path("/mailbox")
public class MailboxPage {

    private final MockMailbox mailbox;
    private final boolean enabled;

    MailboxPage(MockMailbox mailbox, @ConfigProperty(name = "notification.mailbox-page.enabled") boolean enabled) {
        this.mailbox = mailbox;
        this.enabled = allowed(enabled, ConfigUtils.getProfiles());
    }

    /** On only when asked for and no {@code prod} profile is active (the jars' default profile). */
    static boolean allowed(boolean enabled, List<String> activeProfiles) {
        return enabled && !activeProfiles.contains("prod");
    }

    public record Entry(String subject, String text, String html) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Entry> mailsTo(@QueryParam("to") String to) {
        if (!enabled || to == null) {
            throw new NotFoundException();
        }
        return mailbox.getMailsSentTo(to).stream().map(m -> new Entry(m.getSubject(), m.getText(), m.getHtml())).toList();
    }
}
