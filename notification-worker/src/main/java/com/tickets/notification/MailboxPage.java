package com.tickets.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /mailbox?to=<email>}: the mails a buyer would have received, kept in memory when the
 * mailer is mocked (the local run). Off unless {@code notification.mailbox-page.enabled}, and always
 * off in the {@code prod} profile: anyone could read anyone's booking links here.
 * <p>
 * A browser (its {@code Accept} names {@code text/html}) gets the mails as a person reads them: from, to, subject
 * and body with its links clickable, in the order they arrived. Everything else (the tests, {@code curl}) gets
 * the JSON list {@code [{subject, text, html}]}, as before.
 */
@Path("/mailbox")
public class MailboxPage {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+");

    private final MockMailbox mailbox;
    private final boolean enabled;
    private final String defaultFrom;

    MailboxPage(MockMailbox mailbox, @ConfigProperty(name = "notification.mailbox-page.enabled") boolean enabled,
                @ConfigProperty(name = "quarkus.mailer.from", defaultValue = "") String defaultFrom) {
        this.mailbox = mailbox;
        this.enabled = allowed(enabled, ConfigUtils.getProfiles());
        this.defaultFrom = defaultFrom;
    }

    /** On only when asked for and no {@code prod} profile is active (the jars' default profile). */
    static boolean allowed(boolean enabled, List<String> activeProfiles) {
        return enabled && !activeProfiles.contains("prod");
    }

    public record Entry(String subject, String text, String html) {
    }

    @GET
    public Response mailsTo(@QueryParam("to") String to, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        if (!enabled) {
            throw new NotFoundException();
        }
        boolean browser = accept != null && accept.contains(MediaType.TEXT_HTML);
        if (!browser) {
            if (to == null) {
                throw new NotFoundException();
            }
            List<Entry> entries = mailbox.getMailsSentTo(to).stream()
                    .map(m -> new Entry(m.getSubject(), m.getText(), m.getHtml())).toList();
            return Response.ok(entries, MediaType.APPLICATION_JSON_TYPE).build();
        }
        List<Mail> mails = to == null || to.isBlank() ? List.of() : mailbox.getMailsSentTo(to.trim());
        return Response.ok(page(to == null ? "" : to.trim(), mails), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    String page(String to, List<Mail> mails) {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Mailbox</title><style>
                :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
                body { margin: 0 auto; max-width: 48rem; padding: 1rem; overflow-wrap: anywhere; }
                article { border: 1px solid #8886; border-radius: 10px; padding: .75rem 1rem; margin: 1rem 0; }
                dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1rem; margin: 0 0 .75rem; }
                dt { opacity: .8; } dd { margin: 0; } h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
                pre { white-space: pre-wrap; font: inherit; margin: 0; }
                input, button { font-size: 1rem; padding: .4rem; max-width: 100%; }
                </style></head><body>
                <h1>Mailbox of the local run</h1>
                <p>The e-mails this notification-worker would have sent; nothing leaves this machine.</p>
                <form method="get" action="/mailbox"><label>E-mail address <input type="email" name="to" required value=\"""");
        html.append(escape(to)).append("\"></label> <button type=\"submit\">Show mails</button></form>\n");
        if (!to.isEmpty()) {
            html.append("<p>").append(mails.size()).append(mails.size() == 1 ? " mail" : " mails")
                    .append(" to ").append(escape(to)).append(", in the order they arrived.</p>\n");
        }
        int n = 0;
        for (Mail mail : mails) {
            n++;
            String from = mail.getFrom() != null && !mail.getFrom().isBlank() ? mail.getFrom() : defaultFrom;
            html.append("<article aria-labelledby=\"mail-").append(n).append("\"><h2 id=\"mail-").append(n).append("\">")
                    .append(escape(mail.getSubject() == null ? "(no subject)" : mail.getSubject())).append("</h2><dl>")
                    .append("<dt>From</dt><dd>").append(escape(from)).append("</dd>")
                    .append("<dt>To</dt><dd>").append(escape(String.join(", ", mail.getTo()))).append("</dd>")
                    .append("<dt>Arrived</dt><dd>mail ").append(n).append(" of ").append(mails.size()).append("</dd></dl>");
            if (mail.getText() != null) {
                html.append("<pre>").append(linkify(mail.getText())).append("</pre>");
            } else if (mail.getHtml() != null) {
                // the mail's own HTML, shown without its scripts, forms or styles reaching this page
                html.append("<iframe sandbox=\"allow-popups allow-top-navigation-by-user-activation\" title=\"")
                        .append(escape(mail.getSubject())).append("\" style=\"width:100%;min-height:20rem;border:0\" srcdoc=\"")
                        .append(escape(mail.getHtml())).append("\"></iframe>");
            }
            html.append("</article>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** The text escaped for HTML, with every http(s) link made a link (opened in the same tab, like a mail client). */
    static String linkify(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = LINK.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(escape(text.substring(last, m.start())));
            String url = m.group();
            out.append("<a href=\"").append(escape(url)).append("\">").append(escape(url)).append("</a>");
            last = m.end();
        }
        return out.append(escape(text.substring(last))).toString();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
