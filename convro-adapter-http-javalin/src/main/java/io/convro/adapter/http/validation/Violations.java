package io.convro.adapter.http.validation;

import io.convro.domain.ErrorCode;
import jakarta.validation.ConstraintValidatorContext;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** How a validator hands the domain's code to {@link RequestValidator}: as Hibernate's dynamic payload. */
final class Violations {
    private Violations() {
    }

    static void report(ConstraintValidatorContext context, ErrorCode code, String message) {
        HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
        hibernate.withDynamicPayload(code);
        hibernate.disableDefaultConstraintViolation();
        // the message is the domain's own text; escape EL/message-interpolation syntax so it stays literal
        hibernate.buildConstraintViolationWithTemplate(escape(message)).addConstraintViolation();
    }

    private static String escape(String message) {
        return message == null ? "invalid value" : message.replace("\\", "\\\\").replace("{", "\\{")
                .replace("}", "\\}").replace("$", "\\$");
    }
}
