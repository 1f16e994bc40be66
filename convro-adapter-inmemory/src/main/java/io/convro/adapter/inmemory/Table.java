package io.convro.adapter.inmemory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One table of an {@link InMemoryDatabase}: rows of immutable values under a primary key, remembered
 * in insertion order. Every access requires the database lock (repositories run inside
 * {@link InMemoryDatabase#statement}), and every write is undone when its statement or transaction fails.
 *
 * <p>Internal to the in-memory adapters: public only because the repositories live in per-feature packages.
 *
 * @param <K> the primary key
 * @param <V> the row, an immutable value (records), so handing it out is safe
 */
public final class Table<K, V> {
    private final InMemoryDatabase database;
    private final String name;
    private final Map<K, Row<V>> rows = new HashMap<>();
    /** Insertion order that survives updates and undo, like a clustered auto-increment key. */
    private long nextRowNumber = 1;

    private record Row<V>(long number, V value) {
    }

    Table(InMemoryDatabase database, String name) {
        this.database = database;
        this.name = name;
    }

    public Optional<V> find(K key) {
        database.requireLock(name);
        Row<V> row = rows.get(key);
        return row == null ? Optional.empty() : Optional.of(row.value());
    }

    public boolean contains(K key) {
        database.requireLock(name);
        return rows.containsKey(key);
    }

    /** Insert a new row; a key already present is a bug of the caller, which checks uniqueness first. */
    public void insert(K key, V value) {
        database.requireLock(name);
        if (rows.containsKey(key)) {
            throw new IllegalStateException("duplicate primary key in " + name + ": " + key);
        }
        rows.put(key, new Row<>(nextRowNumber++, value));
        database.logUndo(() -> rows.remove(key));
    }

    /** Replace the value of an existing row, keeping its place in insertion order. */
    public void update(K key, V value) {
        database.requireLock(name);
        Row<V> old = rows.get(key);
        if (old == null) {
            throw new IllegalStateException("no row in " + name + " with key " + key);
        }
        rows.put(key, new Row<>(old.number(), value));
        database.logUndo(() -> rows.put(key, old));
    }

    /** Insert the row, or replace the value of the existing one. */
    public void upsert(K key, V value) {
        database.requireLock(name);
        if (rows.containsKey(key)) {
            update(key, value);
        } else {
            insert(key, value);
        }
    }

    /** Delete the row if present; returns whether it was. */
    public boolean delete(K key) {
        database.requireLock(name);
        Row<V> old = rows.remove(key);
        if (old == null) {
            return false;
        }
        database.logUndo(() -> rows.put(key, old));
        return true;
    }

    /** The rows matching {@code where}, in insertion order, as a new list. */
    public List<V> select(Predicate<? super V> where) {
        database.requireLock(name);
        List<Row<V>> matching = new ArrayList<>();
        for (Row<V> row : rows.values()) {
            if (where.test(row.value())) {
                matching.add(row);
            }
        }
        matching.sort(Comparator.comparingLong(Row::number));
        List<V> values = new ArrayList<>(matching.size());
        for (Row<V> row : matching) {
            values.add(row.value());
        }
        return values;
    }

    public int count(Predicate<? super V> where) {
        database.requireLock(name);
        int count = 0;
        for (Row<V> row : rows.values()) {
            if (where.test(row.value())) {
                count++;
            }
        }
        return count;
    }

    /** How many rows the table holds. */
    public int size() {
        database.requireLock(name);
        return rows.size();
    }
}
