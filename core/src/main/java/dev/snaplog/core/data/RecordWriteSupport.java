package dev.snaplog.core.data;

import dev.snaplog.core.Field;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Type;
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

  MessageType messageType() {
    return messageType;
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
    writeFields(fields, record);
    consumer.endMessage();
  }

  private void writeFields(List<Field> fs, Record record) {
    for (int i = 0; i < fs.size(); i++) {
      Object v = record.get(i);
      if (v != null) {
        Field f = fs.get(i);
        consumer.startField(f.name(), i);
        writeValue(f.type(), v);
        consumer.endField(f.name(), i);
      }
    }
  }

  // Lists and maps use the three-level layout ParquetTypes declares: an empty list or map writes its group
  // with no repeated entries; a null element or value leaves its field out.
  private void writeValue(Type type, Object v) {
    switch (type.id()) {
      case STRUCT -> {
        consumer.startGroup();
        writeFields(type.fields(), (Record) v);
        consumer.endGroup();
      }
      case LIST -> {
        List<?> items = (List<?>) v;
        consumer.startGroup();
        if (!items.isEmpty()) {
          consumer.startField(ParquetTypes.LIST_REPEATED, 0);
          for (Object item : items) {
            consumer.startGroup();
            writeOptional(type.elementField(), 0, item);
            consumer.endGroup();
          }
          consumer.endField(ParquetTypes.LIST_REPEATED, 0);
        }
        consumer.endGroup();
      }
      case MAP -> {
        Map<?, ?> entries = (Map<?, ?>) v;
        consumer.startGroup();
        if (!entries.isEmpty()) {
          consumer.startField(ParquetTypes.MAP_REPEATED, 0);
          for (Map.Entry<?, ?> e : entries.entrySet()) {
            consumer.startGroup();
            writeOptional(type.keyField(), 0, e.getKey());
            writeOptional(type.valueField(), 1, e.getValue());
            consumer.endGroup();
          }
          consumer.endField(ParquetTypes.MAP_REPEATED, 0);
        }
        consumer.endGroup();
      }
      default -> ParquetValues.write(consumer, type, v);
    }
  }

  private void writeOptional(Field f, int index, Object v) {
    if (v != null) {
      consumer.startField(f.name(), index);
      writeValue(f.type(), v);
      consumer.endField(f.name(), index);
    }
  }
}
