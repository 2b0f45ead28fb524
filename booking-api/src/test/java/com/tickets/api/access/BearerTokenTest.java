package com.tickets.api.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenTest {

    @Test
    void readsTheTokenOfABearerHeaderInAnyCase() {
        assertThat(BearerToken.from("Bearer abc")).hasValue("abc");
        assertThat(BearerToken.from("bearer  abc ")).hasValue("abc");
    }

    @Test
    void anythingElseIsNoToken() {
        assertThat(BearerToken.from(null)).isEmpty();
        assertThat(BearerToken.from("Bearer ")).isEmpty();
        assertThat(BearerToken.from("Basic abc")).isEmpty();
        assertThat(BearerToken.from("Bearer " + "x".repeat(600))).isEmpty();
    }
}
