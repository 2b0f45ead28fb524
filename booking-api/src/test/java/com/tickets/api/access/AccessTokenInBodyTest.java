package com.tickets.api.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenInBodyTest {

    @Test
    void theTokenIsAddedAfterTheBookingWithoutTouchingIt() {
        String body = "{\"booking\":{\"id\":\"b1\",\"totalPrice\":20.00}}";
        assertThat(AccessTokenInBody.splice(body, "abc-_1"))
                .isEqualTo("{\"booking\":{\"id\":\"b1\",\"totalPrice\":20.00},\"accessToken\":\"abc-_1\"}");
    }

    @Test
    void anEmptyObjectGetsNoStrayComma() {
        assertThat(AccessTokenInBody.splice("{ }", "t")).isEqualTo("{ \"accessToken\":\"t\"}");
    }

    @Test
    void somethingElseThanAnObjectIsRefused() {
        assertThatThrownBy(() -> AccessTokenInBody.splice("[1]", "t")).isInstanceOf(IllegalArgumentException.class);
    }
}
