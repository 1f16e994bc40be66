package io.convro.adapter.persistence.retention;

/** A message's primary key and when it was stored (epoch ms). */
public record AgedRow(long id, long serverTimestamp) {
}
