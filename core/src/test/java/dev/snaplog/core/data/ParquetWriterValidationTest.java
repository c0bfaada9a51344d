package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ObjectAlreadyExistsException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import dev.snaplog.core.types.Type;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetWriterValidationTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, name string not null, amount decimal(10,2),"
      + " at time");

  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();

  private String location() {
    return dir.resolve("data").resolve("f.parquet").toString();
  }

  private DataWriter writer() {
    return ParquetFormat.newWriter(store.newOutputFile(location()), SCHEMA, "db.orders");
  }

  private Record row(long id) {
    return GenericRecord.of(SCHEMA, id, "n" + id, new BigDecimal("1.25"), LocalTime.NOON);
  }

  /** Every file under the temp dir, hidden temp files included. */
  private List<Path> leftovers() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  /** Writes two good rows, then {@code bad} inside try-with-resources, as a pipeline would. */
  private ValidationException failWith(Record bad) {
    ValidationException[] caught = new ValidationException[1];
    try (DataWriter w = writer()) {
      w.write(row(1));
      w.write(row(2));
      w.write(bad);
      w.complete();
    } catch (ValidationException e) {
      caught[0] = e;
    }
    assertThat(caught[0]).as("expected a ValidationException").isNotNull();
    return caught[0];
  }

  @Test
  void recordOfAnotherSchemaIsRefused() throws IOException {
    Schema other = Schema.parse("id long not null, name string not null, amount decimal(12,2), at time");

    ValidationException e = failWith(GenericRecord.of(other, 3L, "x", BigDecimal.ONE, null));

    assertThat(e).hasMessageContaining("db.orders").hasMessageContaining("row 3").hasMessageContaining("amount")
        .hasMessageContaining("decimal(12,2)").hasMessageContaining("decimal(10,2)");
    assertThat(e.table()).contains("db.orders");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void recordWithDifferentFieldIdsIsRefused() throws IOException {
    Schema other = new Schema(List.of(Field.required(1, "id", Type.LONG), Field.required(2, "name", Type.STRING),
        Field.optional(9, "amount", Type.decimal(10, 2)), Field.optional(4, "at", Type.TIME)));

    ValidationException e = failWith(GenericRecord.of(other, 3L, "x", null, null));

    assertThat(e).hasMessageContaining("db.orders").hasMessageContaining("amount").hasMessageContaining("id 9");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void nullInRequiredColumnIsRefused() throws IOException {
    ValidationException e = failWith(GenericRecord.of(SCHEMA, 3L, null, null, null));

    assertThat(e).hasMessageContaining("db.orders").hasMessageContaining("'name'").hasMessageContaining("row 3");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void valueOfTheWrongJavaClassIsRefused() throws IOException {
    ValidationException e = failWith(GenericRecord.wrap(SCHEMA, new Object[] {3, "x", null, null}));

    assertThat(e).hasMessageContaining("db.orders").hasMessageContaining("'id'")
        .hasMessageContaining("java.lang.Integer").hasMessageContaining("java.lang.Long");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void nonCanonicalDecimalsAndTimesAreRefused() {
    assertThat(failWith(GenericRecord.wrap(SCHEMA, new Object[] {3L, "x", new BigDecimal("1.5"), null})))
        .hasMessageContaining("'amount'").hasMessageContaining("scale");
    assertThat(failWith(GenericRecord.wrap(SCHEMA, new Object[] {3L, "x", null, LocalTime.of(1, 2, 3, 1)})))
        .hasMessageContaining("'at'").hasMessageContaining("microseconds");
  }

  @Test
  void coercedRowsSkipValueChecksButNotRequiredFieldsAtAnyDepth() {
    Schema nested = Schema.parse("id long not null, addr struct<city string not null, zip int>,"
        + " tags list<string not null>, attrs map<string, int not null>");
    String loc = dir.resolve("nested.parquet").toString();
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(loc), nested, "db.people")) {
      Record good = GenericRecord.of(nested, 1, java.util.Map.of("city", "Oslo"), List.of("a"),
          java.util.Map.of("k", 1));
      assertThat(((GenericRecord) good).coerced()).isTrue();
      w.write(good);
      assertThatThrownBy(() -> w.write(GenericRecord.of(nested, 2L, java.util.Map.of("zip", 5), null, null)))
          .isInstanceOf(ValidationException.class).hasMessageContaining("'addr.city'");
      assertThatThrownBy(() -> w.write(GenericRecord.of(nested, 3L, null, java.util.Arrays.asList("a", null),
          null))).isInstanceOf(ValidationException.class).hasMessageContaining("'tags.element'");
      java.util.Map<String, Integer> nullValue = new java.util.HashMap<>();
      nullValue.put("k", null);
      assertThatThrownBy(() -> w.write(GenericRecord.of(nested, 4L, null, null, nullValue)))
          .isInstanceOf(ValidationException.class).hasMessageContaining("'attrs.value'");
      assertThat(w.complete().recordCount()).isEqualTo(1);
    }
  }

  @Test
  void rowsWrappedWithoutCoercionAreNotTrusted() {
    assertThat(GenericRecord.wrap(SCHEMA, new Object[] {3L, "x", null, null}).coerced()).isFalse();
    // a coerced row of a schema with other types is refused before any value is trusted
    Schema other = Schema.parse("id int not null, name string not null, amount decimal(10,2), at time");
    assertThat(failWith(GenericRecord.of(other, 3, "x", null, null))).hasMessageContaining("does not match");
  }

  @Test
  void refusedRowIsNotWrittenAndTheWriterGoesOn() {
    DataFile file;
    try (DataWriter w = writer()) {
      w.write(row(1));
      assertThatThrownBy(() -> w.write(GenericRecord.of(SCHEMA, 2L, null, null, null)))
          .isInstanceOf(ValidationException.class);
      w.write(row(3));
      assertThat(w.recordCount()).isEqualTo(2);
      file = w.complete();
    }

    assertThat(file.recordCount()).isEqualTo(2);
    assertThat(file.columnStats().get(1).min()).contains(1L);
    assertThat(ParquetFormat.read(store.newInputFile(location()), SCHEMA, SCHEMA, Expressions.alwaysTrue())
        .toList()).containsExactly(row(1), row(3));
  }

  @Test
  void closingWithoutCompleteLeavesNothing() throws IOException {
    try (DataWriter w = writer()) {
      for (long i = 0; i < 1_000; i++) {
        w.write(row(i));
      }
      assertThat(leftovers()).hasSize(1); // the hidden temp file being streamed into
    }
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void completeIsIdempotentAndWritingAfterItIsAnError() {
    try (DataWriter w = writer()) {
      w.write(row(1));
      DataFile first = w.complete();
      assertThat(w.complete()).isSameAs(first);
      assertThatThrownBy(() -> w.write(row(2))).isInstanceOf(IllegalStateException.class);
    }
    assertThat(Files.exists(Path.of(location()))).isTrue();
  }

  @Test
  void anExistingObjectIsNeverOverwritten() throws IOException {
    store.putIfAbsent(location(), new byte[] {1, 2, 3});

    try (DataWriter w = writer()) {
      w.write(row(1));
      assertThatThrownBy(w::complete).isInstanceOf(ObjectAlreadyExistsException.class);
    }

    assertThat(Files.readAllBytes(Path.of(location()))).containsExactly(1, 2, 3);
    assertThat(leftovers()).hasSize(1);
  }
}
