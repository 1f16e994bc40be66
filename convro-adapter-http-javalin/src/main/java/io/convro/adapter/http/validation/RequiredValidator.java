package io.convro.adapter.http.validation;

import io.convro.domain.ErrorCode;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Rejects {@code null} with the annotation's code. */
public final class RequiredValidator implements ConstraintValidator<Required, Object> {
    private ErrorCode code;

    @Override
    public void initialize(Required annotation) {
        code = annotation.code();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value != null) {
            return true;
        }
        Violations.report(context, code, "is required");
        return false;
    }
}
