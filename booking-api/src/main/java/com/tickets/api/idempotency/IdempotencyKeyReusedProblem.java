package com.tickets.api.idempotency;

import com.tickets.api.problem.ProblemException;

import java.util.Map;

/** 422: the key was already used for a different request. */
public class IdempotencyKeyReusedProblem extends ProblemException {
    public IdempotencyKeyReusedProblem() {
        super("idempotency-key-reused", "Idempotency key already used", 422,
                "This Idempotency-Key was already used with a different request body; use a new key for a new booking",
                Map.of());
    }
}
