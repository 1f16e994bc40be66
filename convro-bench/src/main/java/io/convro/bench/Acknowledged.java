package io.convro.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The messageId of every send the server answered 2xx: a promise that the message is stored. After each fault the
 * soak reads the ids in {@code dm_messages} and counts the acknowledged ones that are not there.
 */
final class Acknowledged {
    /** One look in the database: how many acknowledged ids there were, and which of them were missing. */
    record Check(String after, int acknowledged, int missing, List<Long> firstMissing) {
    }

    private long[] ids = new long[1 << 16];
    private int size;
    private int withoutId;

    /** A 2xx answer's body: {@code {"ok":true,"messageId":123,…}}. */
    void add(String body) {
        long id = messageId(body);
        synchronized (this) {
            if (id < 0) {
                withoutId++;
                return;
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }
    }

    synchronized int count() {
        return size;
    }

    /** 2xx answers that carried no messageId (must be 0). */
    synchronized int withoutId() {
        return withoutId;
    }

    /** Every id acknowledged so far, looked for in the database; throws if the database cannot be read. */
    Check check(String after, StoppableMariaDb database) throws SQLException {
        long[] acknowledged;
        synchronized (this) {
            acknowledged = Arrays.copyOf(ids, size);
        }
        if (acknowledged.length == 0) {
            return new Check(after, 0, 0, List.of());
        }
        long min = Arrays.stream(acknowledged).min().getAsLong();
        long max = Arrays.stream(acknowledged).max().getAsLong();
        BitSet stored = new BitSet();
        try (Connection connection = database.connect("convro");
             PreparedStatement select = connection.prepareStatement("SELECT id FROM dm_messages WHERE id BETWEEN ? AND ?")) {
            select.setLong(1, min);
            select.setLong(2, max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.set((int) (rows.getLong(1) - min));
                }
            }
        }
        List<Long> missing = new ArrayList<>();
        int missingCount = 0;
        for (long id : acknowledged) {
            if (!stored.get((int) (id - min))) {
                missingCount++;
                if (missing.size() < 10) {
                    missing.add(id);
                }
            }
        }
        return new Check(after, acknowledged.length, missingCount, missing);
    }

    private static long messageId(String body) {
        int at = body.indexOf("\"messageId\":");
        if (at < 0) {
            return -1;
        }
        int from = at + "\"messageId\":".length();
        int to = from;
        while (to < body.length() && Character.isDigit(body.charAt(to))) {
            to++;
        }
        return to == from ? -1 : Long.parseLong(body.substring(from, to));
    }
}
