package com.dataquality.dqs.io;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where and how {@link KafkaOutputs} writes.
 *
 * @param bootstrap the brokers, {@code host:port[,host:port...]}
 * @param topics the topic names
 * @param transactionalIdPrefix the start of every transactional id of this job's sinks (each sink
 *     appends its own suffix). Two jobs writing at the same time must use different prefixes, or
 *     their producers fence each other; a job restored from a savepoint must keep its prefix so it
 *     can abort its own lingering transactions.
 * @param transactionTimeout how long the broker keeps a transaction open; it must cover the longest
 *     time from a checkpoint to its completion plus a restart, and may not exceed the broker's
 *     {@code transaction.max.timeout.ms} (15 minutes by default)
 */
public record KafkaOutputSettings(
        String bootstrap,
        TopicNames topics,
        String transactionalIdPrefix,
        Duration transactionTimeout)
        implements Serializable {

    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "dqs";

    /** The broker's default {@code transaction.max.timeout.ms}: the longest a broker accepts. */
    public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    public KafkaOutputSettings {
        if (transactionTimeout.compareTo(MAX_TRANSACTION_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "transaction timeout "
                            + transactionTimeout
                            + " exceeds the broker maximum of "
                            + MAX_TRANSACTION_TIMEOUT);
        }
    }

    /** The contract's topic names, the default prefix and the longest transaction timeout. */
    public static KafkaOutputSettings defaults(String bootstrap) {
        return new KafkaOutputSettings(
                bootstrap,
                TopicNames.DEFAULTS,
                DEFAULT_TRANSACTIONAL_ID_PREFIX,
                MAX_TRANSACTION_TIMEOUT);
    }
}
