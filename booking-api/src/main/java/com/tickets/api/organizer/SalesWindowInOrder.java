package com.tickets.api.organizer;

import com.tickets.api.problem.InvalidRequestProblem.FieldError;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sales open before they close, and close at the latest when the concert starts (pretix and alf.io refuse a
 * window that ends after the event too): {@code salesOpenAt < salesCloseAt <= date}, {@code salesOpenAt < date}.
 * Each broken rule is reported on the field that breaks it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SalesWindowInOrder.Check.class)
public @interface SalesWindowInOrder {
    String message() default "sales window out of order";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<SalesWindowInOrder, SalesWindow> {
        @Override
        public boolean isValid(SalesWindow w, ConstraintValidatorContext context) {
            if (w == null) {
                return true;
            }
            List<FieldError> errors = errors(w);
            context.disableDefaultConstraintViolation();
            errors.forEach(e -> report(context, e.field(), e.message()));
            return errors.isEmpty();
        }

        /** The window's broken rules, each on its field; empty when it is in order. */
        static List<FieldError> errors(SalesWindow w) {
            List<FieldError> errors = new ArrayList<>();
            Instant date = w.date();
            if (w.salesOpenAt() != null && w.salesCloseAt() != null && !w.salesOpenAt().isBefore(w.salesCloseAt())) {
                errors.add(new FieldError("salesOpenAt", "must be before salesCloseAt"));
            }
            if (date != null && w.salesCloseAt() != null && w.salesCloseAt().isAfter(date)) {
                errors.add(new FieldError("salesCloseAt", "must not be after the concert's date"));
            }
            if (date != null && w.salesOpenAt() != null && !w.salesOpenAt().isBefore(date)) {
                errors.add(new FieldError("salesOpenAt", "must be before the concert's date"));
            }
            return errors;
        }

        private static void report(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
        }
    }
}
