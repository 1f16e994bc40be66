package io.convro.application.messages;

/**
 * {@code POST /v1/dm/messages/fanout}: one message to every device of a person, each copy an ordinary DM message in
 * its pairwise session, stored all together or not at all; {@code DEVICE_LIST_MISMATCH} names the devices the
 * entries miss or should not have.
 */
public interface SendFanoutUseCase {
    FanoutSent send(SendFanoutCommand command);
}
