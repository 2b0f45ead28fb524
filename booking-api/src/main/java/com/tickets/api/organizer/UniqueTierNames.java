package com.tickets.api.organizer;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** No two tiers of a concert share a name, whatever the letter case or surrounding spaces: a buyer could not tell them apart. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = UniqueTierNames.Check.class)
public @interface UniqueTierNames {
    String message() default "tier names must be unique";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<UniqueTierNames, List<NewTier>> {
        @Override
        public boolean isValid(List<NewTier> tiers, ConstraintValidatorContext context) {
            if (tiers == null) {
                return true;
            }
            Set<String> seen = new HashSet<>();
            for (NewTier tier : tiers) {
                if (tier != null && tier.name() != null && !seen.add(TierNames.canonical(tier.name()))) {
                    return false;
                }
            }
            return true;
        }
    }
}
