package com.tickets.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code notification.sends.*}: how the mails of a batch go out. Every default is here; each can be
 * set from the environment, e.g. {@code NOTIFICATION_SENDS_MAX_CONCURRENT=100}.
 */
@ConfigMapping(prefix = "notification.sends")
public interface SendConfig {

    /**
     * Mails a batch hands to the mailer at once. A send holds no thread while it waits for the server,
     * so this is bounded by what the server accepts from one client (its limit on concurrent
     * connections), not by a thread pool. It is also the mailer's connection pool size
     * ({@code quarkus.mailer.max-pool-size}), which all channels share: a replica opens at most this
     * many SMTP connections, and a send beyond them waits for one (within {@link #timeout}). The mails
     * of one booking still go one after the other, in the order of their events.
     */
    @WithDefault("50")
    int maxConcurrent();

    /**
     * A send the server has not answered after this long fails like a refused one (its event goes to
     * the retry topics). A batch can take about {@code ceil(batch size / max-concurrent)} times this,
     * which must stay below the channels' {@code throttled.unprocessed-record-max-age.ms}
     * (application.properties).
     */
    @WithDefault("PT30S")
    Duration timeout();

    /**
     * How long the mark of mails already sent is retried (0.5 s doubling to 5 s between tries) when the
     * database refuses it, before the batch gives up and lets the retry send them again. The mails have gone
     * out; all that is left is to write that down, and a database that is restarting or failing over is back
     * within seconds. Giving up at once sent every mail of a batch twice across a database restart
     * (docs/reliability.md, defect 7).
     */
    @WithDefault("PT1M")
    Duration markRetryFor();
}
