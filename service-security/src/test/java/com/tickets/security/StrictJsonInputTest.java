package com.tickets.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonInputTest {

    record Order(UUID id, String email, Integer quantity, int count, BigDecimal price, Boolean gift, String currency) {
    }

    final ObjectMapper mapper = StrictJsonInput.strict(new ObjectMapper());

    static String order(String field, String raw) {
        String valid = "{\"id\":\"5b2c1d3e-0000-4000-8000-000000000001\",\"email\":\"a@b.co\",\"quantity\":2,\"count\":1,"
                + "\"price\":40.00,\"gift\":false,\"currency\":\"USD\"}";
        return valid.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":" + raw);
    }

    @Test
    void wellTypedInputIsRead() throws Exception {
        Order o = mapper.readValue(order("price", "40"), Order.class);
        assertThat(o.price()).isEqualByComparingTo("40");
        assertThat(o.quantity()).isEqualTo(2);
        assertThat(o.id()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"quantity=\"1\"", "quantity=1.5", "quantity=true", "count=\"1\"", "count=1.0",
            "email=123", "email=1.5", "email=true", "currency=true", "price=\"200.00\"", "price=true", "gift=\"true\"",
            "gift=1", "quantity=\"\""})
    void aValueOfTheWrongJsonTypeIsRefused(String change) {
        String[] fv = change.split("=", 2);
        assertThatThrownBy(() -> mapper.readValue(order(fv[0], fv[1]), Order.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void unknownFieldsAreRefused() {
        assertThatThrownBy(() -> mapper.readValue(order("currency", "\"USD\",\"admin\":true"), Order.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}
