package io.convro.domain.message;

/** Where a message is on its way to the recipient device; it only moves forward. */
public enum DeliveryState {
    PENDING, DELIVERED, READ;

    /** The state after a receipt of {@code status}: never backwards (DELIVERED after READ stays READ). */
    public DeliveryState advancedBy(ReceiptStatus status) {
        DeliveryState target = status == ReceiptStatus.READ ? READ : DELIVERED;
        return target.ordinal() > ordinal() ? target : this;
    }
}
