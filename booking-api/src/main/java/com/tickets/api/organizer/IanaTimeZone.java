package com.tickets.api.organizer;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;

/** A region id of the IANA time zone database ("Europe/Berlin", "UTC"); fixed offsets such as "+02:00" are not. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IanaTimeZone.Check.class)
public @interface IanaTimeZone {
    String message() default "must be an IANA time zone such as Europe/Berlin";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<IanaTimeZone, String> {
        @Override
        public boolean isValid(String zone, ConstraintValidatorContext context) {
            return zone == null || ZoneId.getAvailableZoneIds().contains(zone);
        }
    }
}
