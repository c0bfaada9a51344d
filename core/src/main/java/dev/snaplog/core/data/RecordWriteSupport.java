package dev.snaplog.core.data;

import dev.snaplog.core.Field;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Hands validated Snaplog rows to Parquet's record consumer. Only the {@link ParquetConfiguration} entry
 * point is used; the Hadoop one exists because the base class declares it.
 */
final class RecordWriteSupport extends WriteSupport<Record> {
  private final MessageType messageType;
  private final List<Field> fields;
  private RecordConsumer consumer;

  RecordWriteSupport(Schema schema) {
    this.messageType = ParquetTypes.messageType(schema);
    this.fields = schema.fields();
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(messageType, Map.of());
  }

  @Override
  @SuppressWarnings("deprecation")
  public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
    return new WriteContext(messageType, Map.of());
  }

  @Override
  public String getName() {
    return "snaplog";
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(Record record) {
    consumer.startMessage();
    for (int i = 0; i < fields.size(); i++) {
      Object v = record.get(i);
      if (v != null) {
        Field f = fields.get(i);
        consumer.startField(f.name(), i);
        ParquetValues.write(consumer, f.type(), v);
        consumer.endField(f.name(), i);
      }
    }
    consumer.endMessage();
  }
}
