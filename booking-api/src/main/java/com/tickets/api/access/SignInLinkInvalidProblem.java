package com.tickets.api.access;

import com.tickets.api.problem.ProblemException;

import java.util.Map;

/** 410: the link was used already, has expired, or is not one of ours; the three look the same on purpose. */
public class SignInLinkInvalidProblem extends ProblemException {

    public SignInLinkInvalidProblem() {
        super("sign-in-link-invalid", "Sign-in link no longer valid", 410,
                "This sign-in link has expired or was already used. Ask for a new one.", Map.of());
    }
}
