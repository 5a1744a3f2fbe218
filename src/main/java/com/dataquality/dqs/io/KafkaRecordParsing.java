package com.dataquality.dqs.io;

import com.dataquality.dqs.UnicodeText;
import com.dataquality.dqs.parse.JsonRecordParser;
import com.dataquality.dqs.parse.Utf8;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one message of the input topic into a {@link ParseResult}. Never throws: a message that
 * cannot be understood is a dead letter, so one bad message neither stops nor loops the job.
 *
 * <p>The value must be UTF-8; invalid bytes make a {@code MALFORMED_ROW} rather than being
 * replaced, since a silently altered dataset name would start a new summary key.
 *
 * <p>The record's sequence (which breaks "latest record" ties between records of one key with the
 * same business date) comes from the message timestamp, so the record published later wins, also
 * across partitions. Messages of the same millisecond are ordered by the low 20 bits of their
 * offset; that is exact within a partition unless the offset crosses a multiple of 2^20 inside that
 * millisecond. A message without a timestamp falls back to its offset.
 */
public final class KafkaRecordParsing implements KafkaRecordDeserializationSchema<ParseResult> {
    private static final long serialVersionUID = 1L;
    private static final int OFFSET_BITS = 20;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<ParseResult> out) {
        out.collect(parse(message));
    }

    /** The parse of one message, for tests and for callers outside a Flink source. */
    public static ParseResult parse(ConsumerRecord<byte[], byte[]> message) {
        byte[] bytes = message.value();
        if (bytes != null && Utf8.isWellFormed(bytes)) {
            // The usual message: parsed from its bytes, without decoding it to text first.
            return JsonRecordParser.parseUtf8(
                    bytes,
                    message.topic(),
                    message.partition(),
                    message.offset(),
                    sequence(message.timestamp(), message.offset()));
        }
        String value;
        try {
            value =
                    bytes == null
                            ? null
                            : StandardCharsets.UTF_8
                                    .newDecoder()
                                    .onMalformedInput(CodingErrorAction.REPORT)
                                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                                    .decode(ByteBuffer.wrap(bytes))
                                    .toString();
        } catch (CharacterCodingException e) {
            return ParseResult.rejected(
                    new DeadLetter(
                            RejectReason.MALFORMED_ROW,
                            "the message is not valid UTF-8",
                            new String(bytes, StandardCharsets.UTF_8),
                            UnicodeText.wellFormed(message.topic()),
                            message.partition(),
                            message.offset()));
        }
        return JsonRecordParser.parse(
                value,
                message.topic(),
                message.partition(),
                message.offset(),
                sequence(message.timestamp(), message.offset()));
    }

    static long sequence(long timestamp, long offset) {
        if (timestamp < 0) {
            return offset;
        }
        return (timestamp << OFFSET_BITS) | (offset & ((1L << OFFSET_BITS) - 1));
    }

    @Override
    public TypeInformation<ParseResult> getProducedType() {
        return TypeInformation.of(ParseResult.class);
    }
}
