package com.dataquality.dqs.io;

import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * A bounded {@link KafkaSource} (a {@code --bounded} backfill) that also finishes after a restore.
 *
 * <p>The Kafka connector's enumerator tells its readers that no more splits will come only when its
 * partition discovery finds a change; restored from a savepoint or checkpoint, with every partition
 * already assigned, it finds none, and the readers wait for ever once they reach their stopping
 * offsets (FLINK-31006, open in connector 5.0.0-2.2). Restored, this wrapper looks up the topic's
 * partitions once: when the restored assignment already covers them all, it tells every reader
 * itself. Otherwise the connector's own discovery assigns the new ones and signals as usual.
 */
public final class BoundedKafkaSource<T>
        implements Source<T, KafkaPartitionSplit, KafkaSourceEnumState>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final KafkaSource<T> delegate;
    private final String bootstrap;
    private final String topic;

    BoundedKafkaSource(KafkaSource<T> delegate, String bootstrap, String topic) {
        if (delegate.getBoundedness() != Boundedness.BOUNDED) {
            throw new IllegalArgumentException("for bounded Kafka sources only");
        }
        this.delegate = delegate;
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, KafkaPartitionSplit> createReader(SourceReaderContext context)
            throws Exception {
        return delegate.createReader(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context) throws Exception {
        return delegate.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState state)
            throws Exception {
        Set<TopicPartition> restored = new HashSet<>();
        state.assignedSplits().forEach(s -> restored.add(s.getTopicPartition()));
        state.unassignedSplits().forEach(s -> restored.add(s.getTopicPartition()));
        return new Restored(delegate.restoreEnumerator(context, state), context, restored);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return delegate.getProducedType();
    }

    /** The topic's partitions now. */
    private Set<TopicPartition> partitions() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Set<TopicPartition> out = new HashSet<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(60, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .forEach(p -> out.add(new TopicPartition(topic, p.partition())));
            return out;
        }
    }

    /** The restored connector enumerator, plus the end-of-splits signal it forgets. */
    private final class Restored
            implements SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> {
        private final SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restored;
        private final SplitEnumeratorContext<KafkaPartitionSplit> context;
        private final Set<TopicPartition> assigned;
        private final Set<Integer> signalled = new HashSet<>();
        private boolean noMoreSplits;

        Restored(
                SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restored,
                SplitEnumeratorContext<KafkaPartitionSplit> context,
                Set<TopicPartition> assigned) {
            this.restored = restored;
            this.context = context;
            this.assigned = assigned;
        }

        @Override
        public void start() {
            restored.start();
            // The handler runs in the coordinator's thread, as every other method here.
            context.callAsync(
                    BoundedKafkaSource.this::partitions,
                    (partitions, error) -> {
                        if (error == null && assigned.containsAll(partitions)) {
                            noMoreSplits = true;
                            context.registeredReaders().keySet().forEach(this::signal);
                        }
                    });
        }

        private void signal(int reader) {
            if (signalled.add(reader)) {
                context.signalNoMoreSplits(reader);
            }
        }

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
            restored.handleSplitRequest(subtaskId, requesterHostname);
        }

        @Override
        public void addSplitsBack(List<KafkaPartitionSplit> splits, int subtaskId) {
            restored.addSplitsBack(splits, subtaskId);
        }

        @Override
        public void addReader(int subtaskId) {
            restored.addReader(subtaskId);
            signalled.remove(subtaskId); // a new reader (after a failover) needs its own signal
            if (noMoreSplits) {
                signal(subtaskId);
            }
        }

        @Override
        public KafkaSourceEnumState snapshotState(long checkpointId) throws Exception {
            return restored.snapshotState(checkpointId);
        }

        @Override
        public void close() throws java.io.IOException {
            restored.close();
        }
    }
}
