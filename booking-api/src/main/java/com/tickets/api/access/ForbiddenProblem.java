package com.tickets.api.access;

import com.tickets.api.problem.ProblemException;

import java.util.Map;

/** 403: the access token is valid for some buyer, but not for the e-mail whose bookings were asked for. */
public class ForbiddenProblem extends ProblemException {

    public ForbiddenProblem() {
        super("forbidden", "Forbidden", 403, "This session belongs to another e-mail", Map.of());
    }
}
