package com.tickets.api.booking;

import com.tickets.api.problem.ProblemException;

import java.math.BigDecimal;
import java.util.Map;

/** 422: the client did not see the price it would pay (stale page, tampered request). */
public class PriceMismatchProblem extends ProblemException {
    public PriceMismatchProblem(BigDecimal expectedTotal, String expectedCurrency) {
        super("price-mismatch", "Price does not match", 422,
                "totalPrice must be " + expectedTotal.toPlainString() + " " + expectedCurrency
                        + " (tier price x quantity) and currency " + expectedCurrency,
                Map.of("expectedTotalPrice", expectedTotal, "expectedCurrency", expectedCurrency));
    }
}
