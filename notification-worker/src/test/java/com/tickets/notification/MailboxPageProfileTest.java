package com.tickets.notification;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The mailbox page shows every buyer's mails: a production instance must never serve it, even if asked to. */
class MailboxPageProfileTest {

    @Test
    void theProdProfileKeepsTheMailboxPageOffEvenWhenMailboxPageIsSet() {
        assertThat(MailboxPage.allowed(true, List.of("prod"))).isFalse();
        assertThat(MailboxPage.allowed(true, List.of("prod", "kubernetes"))).isFalse();
    }

    @Test
    void theLocalStackAndTheTestsMayTurnItOn() {
        assertThat(MailboxPage.allowed(true, List.of("local"))).isTrue();
        assertThat(MailboxPage.allowed(true, List.of("test"))).isTrue();
        assertThat(MailboxPage.allowed(false, List.of("local"))).isFalse();
    }
}
