package io.convro.adapter.http.validation;

import io.convro.domain.DomainException;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Asks the domain parser; a {@link DomainException} becomes a violation that carries its code. */
public final class DomainValueValidator implements ConstraintValidator<DomainValue, Object> {
    private WireValue wireValue;
    private boolean required;

    @Override
    public void initialize(DomainValue annotation) {
        wireValue = annotation.value();
        required = annotation.required();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value == null && !required) {
            return true;
        }
        try {
            wireValue.check(value);
            return true;
        } catch (DomainException rejection) {
            Violations.report(context, rejection.code(), rejection.getMessage());
            return false;
        }
    }
}
