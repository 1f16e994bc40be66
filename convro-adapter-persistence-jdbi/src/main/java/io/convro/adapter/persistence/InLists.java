package io.convro.adapter.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The values of an {@code IN (…)} list, padded to one of a few lengths by repeating the last one (which changes
 * neither what a query finds nor what a delete removes). Each length is its own statement text, and on MySQL and
 * MariaDB the driver keeps every server-side prepared statement it has seen on a connection (up to
 * {@code prepStmtCacheSize}), with parameter metadata for each placeholder: a free choice of lengths (a history
 * page of 1 to 201 ids, a conversation page, a prekey upload) kept hundreds of statements and tens of MiB of metadata
 * per connection alive, which the soak saw fill the heap over minutes (423,000 metadata strings, 84,000 fields). With
 * these lengths an {@code IN} query has at most ten texts.
 */
public final class InLists {
    static final int[] LENGTHS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

    private InLists() {
    }

    /** {@code values} (at least one) padded to the next of {@link #LENGTHS}; longer lists are left as they are. */
    public static <T> List<T> padded(Collection<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        int length = lengthFor(values.size());
        List<T> padded = new ArrayList<>(length);
        padded.addAll(values);
        T last = padded.get(padded.size() - 1);
        while (padded.size() < length) {
            padded.add(last);
        }
        return padded;
    }

    static int lengthFor(int size) {
        for (int length : LENGTHS) {
            if (length >= size) {
                return length;
            }
        }
        return size;
    }
}
