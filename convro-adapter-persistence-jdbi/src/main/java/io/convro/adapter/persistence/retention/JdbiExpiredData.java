package io.convro.adapter.persistence.retention;

import io.convro.adapter.persistence.Handles;
import io.convro.application.retention.ExpiredData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ExpiredData} on MySQL/MariaDB and H2, called outside any transaction. Every batch is its own short
 * transaction: a plain read (no locking read) finds at most {@code batch} rows, then they are deleted by primary key. Messages go oldest id first,
 * their receipts in the same transaction before them (the foreign key points from receipts to messages).
 */
public final class JdbiExpiredData implements ExpiredData {
    private final Handles handles;

    public JdbiExpiredData(Handles handles) {
        this.handles = handles;
    }

    @Override
    public int deleteMessagesBefore(Instant cutoff, int batch) {
        long before = cutoff.toEpochMilli();
        List<AgedRow> oldest = handles.withDao(ExpiredDataDao.class, dao -> dao.oldestMessages(batch));
        List<Long> ids = new ArrayList<>(oldest.size());
        for (AgedRow row : oldest) {
            if (row.serverTimestamp() >= before) {
                break; // ids grow with time: from here on (but for clock skew between nodes) all are younger
            }
            ids.add(row.id());
        }
        if (ids.isEmpty()) {
            return 0;
        }
        return handles.inTransaction(() -> handles.withDao(ExpiredDataDao.class, dao -> {
            dao.deleteReceiptsOf(ids);
            return dao.deleteMessages(ids, before);
        }));
    }

    /** As the DM messages: the oldest by id, up to the first that is young enough; nothing refers to a group message. */
    @Override
    public int deleteGroupMessagesBefore(Instant cutoff, int batch) {
        long before = cutoff.toEpochMilli();
        List<AgedRow> oldest = handles.withDao(ExpiredDataDao.class, dao -> dao.oldestGroupMessages(batch));
        List<Long> ids = new ArrayList<>(oldest.size());
        for (AgedRow row : oldest) {
            if (row.serverTimestamp() >= before) {
                break;
            }
            ids.add(row.id());
        }
        if (ids.isEmpty()) {
            return 0;
        }
        return handles.inTransaction(() -> handles.withDao(ExpiredDataDao.class, dao -> dao.deleteGroupMessages(ids, before)));
    }

    @Override
    public int deleteRefreshTokensExpiredBefore(Instant cutoff, int batch) {
        long before = cutoff.toEpochMilli();
        List<String> jtis = handles.withDao(ExpiredDataDao.class, dao -> dao.expiredTokens(before, batch));
        if (jtis.isEmpty()) {
            return 0;
        }
        return handles.inTransaction(() -> handles.withDao(ExpiredDataDao.class, dao -> dao.deleteTokens(jtis, before)));
    }

    @Override
    public int deletePrekeysConsumedBefore(Instant cutoff, int batch) {
        long before = cutoff.toEpochMilli();
        List<Long> ids = handles.withDao(ExpiredDataDao.class, dao -> dao.consumedPrekeys(before, batch));
        if (ids.isEmpty()) {
            return 0;
        }
        return handles.inTransaction(() -> handles.withDao(ExpiredDataDao.class, dao -> dao.deletePrekeys(ids, before)));
    }
}
