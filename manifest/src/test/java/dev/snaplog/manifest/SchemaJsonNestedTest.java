package dev.snaplog.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nested types keep the ids of their fields through JSON, and defaults their values. */
class SchemaJsonNestedTest {
  @Test
  void nestedFieldIdsAndDefaultsRoundTrip() {
    Schema parsed = Schema.parse("id long not null, address struct<city string not null, geo struct<lat double>>,"
        + " tags list<string not null>, props map<string, list<int>>");
    List<Field> fields = new ArrayList<>(parsed.fields());
    fields.add(new Field(40, "score", Type.decimal(9, 2), true, "1.50"));
    Schema schema = new Schema(4, fields);
    String json = SchemaJson.toJson(schema).toString();
    assertThat(json).contains("\"element-id\":8", "\"initial-default\":\"1.50\"");
    Schema back = SchemaJson.fromJson(SchemaJson.toJson(schema), "x");
    assertThat(back).isEqualTo(schema);
    assertThat(back.findField("props.value.element").orElseThrow().id())
        .isEqualTo(schema.findField("props.value.element").orElseThrow().id());
  }
}
