package dev.snaplog.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaUpdateTest {
  private static final Schema BASE = Schema.parse("id int not null, ts timestamptz, name string,"
      + " address struct<city string, zip int>, events list<struct<kind string>>");
  private static final PartitionSpec SPEC = PartitionSpec.parse("day(ts)", BASE);

  private static SchemaUpdate update() {
    return SchemaUpdate.detached(BASE, BASE.highestFieldId(), List.of(SPEC));
  }

  @Test
  void addsColumnsWithNewIdsAtTopLevelAndInStructs() {
    SchemaUpdate u = update();
    u.addColumn("tags", Type.parse("list<string>")).addColumn("address.country", Type.STRING)
        .addColumn("events.element.at", Type.LONG).addRequiredColumn("score", Type.DOUBLE, "0.5");
    Schema s = u.apply();
    assertThat(s.schemaId()).isEqualTo(1);
    assertThat(s.field("tags").id()).isEqualTo(10);
    assertThat(s.field("tags.element").id()).isEqualTo(11);
    assertThat(s.field("address.country").id()).isEqualTo(12);
    assertThat(s.field("events.element.at").id()).isEqualTo(13);
    assertThat(s.field("score").initialDefault()).isEqualTo(0.5d);
    assertThat(s.field("score").required()).isTrue();
    assertThat(u.lastColumnId()).isEqualTo(14);
    // untouched fields keep their ids
    assertThat(s.field("address.city").id()).isEqualTo(BASE.field("address.city").id());
  }

  @Test
  void idsOfDroppedColumnsAreNotReused() {
    SchemaUpdate u = SchemaUpdate.detached(BASE, 20, List.of());
    u.deleteColumn("name").addColumn("name", Type.STRING);
    assertThat(u.apply().field("name").id()).isEqualTo(21);
  }

  @Test
  void renamesDropsMovesWidensAndRelaxes() {
    Schema s = update().renameColumn("address.zip", "postcode").renameColumn("name", "title")
        .deleteColumn("events").updateColumn("id", Type.LONG).makeColumnOptional("id")
        .moveFirst("title").moveAfter("id", "address").moveBefore("address.postcode", "address.city").apply();
    assertThat(s.toString()).isEqualTo("title string, ts timestamptz, address struct<postcode int, city string>,"
        + " id long");
    assertThat(s.field("title").id()).isEqualTo(3);
    assertThat(s.field("address.postcode").id()).isEqualTo(BASE.field("address.zip").id());
  }

  @Test
  void badChangesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> update().updateColumn("id", Type.STRING)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("from int to string").hasMessageContaining("only widening");
    assertThatThrownBy(() -> update().updateColumn("ts", Type.TIMESTAMP)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> update().addRequiredColumn("x", Type.INT, null))
        .isInstanceOf(ValidationException.class).hasMessageContaining("without a default");
    assertThatThrownBy(() -> update().renameColumn("name", "id")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("a column named 'id' already exists");
    assertThatThrownBy(() -> update().deleteColumn("nope")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("no such column").hasMessageContaining("[id, ts, name, address, events]");
    assertThatThrownBy(() -> update().deleteColumn("ts")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("partition field 'ts_day'");
    assertThatThrownBy(() -> update().addColumn("name", Type.INT)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> update().addColumn("nothing.x", Type.INT)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("no struct 'nothing'");
    assertThatThrownBy(() -> update().addColumn("events.x", Type.INT)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("events.element.field");
    assertThatThrownBy(() -> update().moveAfter("id", "address.city")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("different structs");
    assertThatThrownBy(() -> update().deleteColumn("events.element")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("list or map column instead");
    assertThatThrownBy(() -> update().addRequiredColumn("x", Type.INT, "many"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("default");
    assertThatThrownBy(() -> update().commit()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aRefusedMoveOfAListElementNamesItsFullPath() {
    assertThatThrownBy(() -> update().moveFirst("events.element")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("Cannot move 'events.element'");
  }

  @Test
  void aFieldAddedToAMapItselfIsRefusedPointingAtTheMapValue() {
    Schema withMap = Schema.parse("id int not null, attrs map<string, struct<x int>>");
    assertThatThrownBy(() -> SchemaUpdate.detached(withMap, withMap.highestFieldId(), List.of())
        .addColumn("attrs.y", Type.INT)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("attrs.value.field").hasMessageNotContaining("attrs.element");
  }

  @Test
  void aRefusedOperationLeavesTheChangeAsItWas() {
    SchemaUpdate u = update();
    u.addColumn("a", Type.INT);
    assertThatThrownBy(() -> u.renameColumn("a", "id")).isInstanceOf(ValidationException.class);
    assertThat(u.apply().columnNames()).containsExactly("id", "ts", "name", "address", "events", "a");
  }
}
