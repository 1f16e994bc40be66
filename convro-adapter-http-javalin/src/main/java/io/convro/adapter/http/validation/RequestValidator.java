package io.convro.adapter.http.validation;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.engine.HibernateConstraintViolation;

/**
 * Validates a request record and reports the FIRST violation in the order the fields are declared
 * (Bean Validation returns an unordered set; clients are told about one problem at a time, always the same one).
 */
public final class RequestValidator {
    private final Validator validator;

    /** Bean Validation's bootstrap is slow and its factory thread-safe: built once per JVM, on first use. */
    private static final class Factory {
        static final ValidatorFactory SHARED = Validation.byProvider(HibernateValidator.class).configure()
                .failFast(false)
                .buildValidatorFactory();
    }

    public RequestValidator() {
        this.validator = Factory.SHARED.getValidator();
    }

    /** Build the shared factory now (on a start-up thread, say), so that the first validator finds it ready. */
    public static void prepare() {
        Objects.requireNonNull(Factory.SHARED);
    }

    /** Return {@code request} if valid, else throw the first violation as a {@link DomainException}. */
    public <T extends Record> T validate(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (violations.isEmpty()) {
            return request;
        }
        ConstraintViolation<T> first = violations.stream()
                .min(Comparator.comparing(v -> orderKey(request.getClass(), v.getPropertyPath()), RequestValidator::compare))
                .orElseThrow();
        @SuppressWarnings("unchecked")
        HibernateConstraintViolation<T> hibernate = first.unwrap(HibernateConstraintViolation.class);
        ErrorCode code = hibernate.getDynamicPayload(ErrorCode.class);
        return throwViolation(code == null ? ErrorCode.INVALID_JSON : code, first.getMessage(), fieldName(first.getPropertyPath()));
    }

    private static <T> T throwViolation(ErrorCode code, String message, String field) {
        throw new DomainException(code, message, field);
    }

    /** Wire name of the field: {@code signedPrekey.keyId}, {@code oneTimePrekeys[2].publicKeyX25519}. */
    static String fieldName(Path path) {
        StringBuilder name = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null) {
                name.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(node.getName());
            }
        }
        return name.toString();
    }

    private static List<Integer> orderKey(Class<?> root, Path path) {
        List<Integer> key = new ArrayList<>();
        Type current = root;
        for (Path.Node node : path) {
            if (node.getIndex() != null) {
                key.add(node.getIndex());
                current = elementType(current);
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                key.add(-1); // the element itself comes before its fields
            } else if (node.getKind() == ElementKind.PROPERTY) {
                RecordComponent[] components = current instanceof Class<?> type && type.isRecord()
                        ? type.getRecordComponents() : new RecordComponent[0];
                int index = components.length;
                for (int i = 0; i < components.length; i++) {
                    if (components[i].getName().equals(node.getName())) {
                        index = i;
                        current = components[i].getGenericType();
                        break;
                    }
                }
                key.add(index);
            }
        }
        return key;
    }

    private static Type elementType(Type container) {
        if (container instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[0];
        }
        return Object.class;
    }

    private static int compare(List<Integer> left, List<Integer> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int byPosition = Integer.compare(left.get(i), right.get(i));
            if (byPosition != 0) {
                return byPosition;
            }
        }
        return Integer.compare(left.size(), right.size());
    }
}
