package dev.snaplog.core.schema;

import dev.snaplog.core.Field;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.UpdateSchema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Promotions;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeId;
import dev.snaplog.core.types.TypeUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Builds the next schema of a table from its current one. Pure: no I/O and no table state beyond what it is
 * given, so the catalog can re-apply the same change to a newer base after a lost race. Not thread-safe.
 *
 * <p>New fields get ids above {@code lastColumnId}, the highest id the table has ever assigned (ids of dropped
 * columns are never reused, so an old file's column can never be mistaken for a new one).
 */
public final class SchemaUpdate implements UpdateSchema {
  private final Schema base;
  private final List<PartitionSpec> specs;
  private final SortOrder sortOrder;
  private final Function<SchemaUpdate, Schema> committer;
  private Schema current;
  private int lastColumnId;

  /**
   * @param base the table's current schema
   * @param lastColumnId the highest field id the table has assigned (at least {@code base}'s highest)
   * @param specs the partition specs whose source columns must stay (a column they use cannot be dropped or
   *     changed to a type their transform cannot take)
   * @param committer commits the change and returns the committed schema; the catalog supplies it
   */
  public SchemaUpdate(Schema base, int lastColumnId, List<PartitionSpec> specs,
      Function<SchemaUpdate, Schema> committer) {
    this(base, lastColumnId, specs, SortOrder.UNSORTED, committer);
  }

  /**
   * As {@link #SchemaUpdate(Schema, int, List, Function)}, for a table whose writers sort by {@code sortOrder}:
   * a column it sorts by cannot be dropped.
   */
  public SchemaUpdate(Schema base, int lastColumnId, List<PartitionSpec> specs, SortOrder sortOrder,
      Function<SchemaUpdate, Schema> committer) {
    this.base = Objects.requireNonNull(base, "base");
    this.specs = List.copyOf(specs);
    this.sortOrder = Objects.requireNonNull(sortOrder, "sortOrder");
    this.committer = Objects.requireNonNull(committer, "committer");
    this.current = base;
    this.lastColumnId = Math.max(lastColumnId, base.highestFieldId());
  }

  /** A change that can only be applied (a dry run): {@link #commit()} is refused. */
  public static SchemaUpdate detached(Schema base, int lastColumnId, List<PartitionSpec> specs) {
    return new SchemaUpdate(base, lastColumnId, specs, u -> {
      throw new UnsupportedOperationException("This schema change is not attached to a table; use apply()");
    });
  }

  /** The schema the change started from. */
  public Schema base() {
    return base;
  }

  /** The highest field id assigned so far, new fields included: the table's next {@code last-column-id}. */
  public int lastColumnId() {
    return lastColumnId;
  }

  /** The new schema, with schema id one above the base's. */
  @Override
  public Schema apply() {
    Schema out = current.withSchemaId(base.schemaId() + 1);
    specs.forEach(s -> s.checkCompatible(out));
    sortOrder.checkCompatible(out);
    return out;
  }

  @Override
  public Schema commit() {
    return committer.apply(this);
  }

  @Override
  public UpdateSchema addColumn(String name, Type type) {
    return add(name, type, false, null);
  }

  @Override
  public UpdateSchema addRequiredColumn(String name, Type type, Object defaultValue) {
    if (defaultValue == null) {
      throw new ValidationException("Cannot add required column '" + name + "' without a default: rows already"
          + " written have no value for it; add it as optional, or give it a default");
    }
    return add(name, type, true, defaultValue);
  }

  private UpdateSchema add(String name, Type type, boolean required, Object defaultValue) {
    Objects.requireNonNull(type, "type");
    int dot = name.lastIndexOf('.');
    Field parent = null;
    String simple = name;
    if (dot > 0 && current.findField(name.substring(0, dot)).isPresent()) {
      parent = current.findField(name.substring(0, dot)).get();
      simple = name.substring(dot + 1);
      if (parent.type().id() != TypeId.STRUCT) {
        throw new ValidationException("Cannot add '" + name + "': '" + parent.name() + "' is a "
            + parent.type().id().typeName() + ", and fields are added to structs only"
            + (parent.type().isNested() ? " (for the struct inside a " + parent.type().id().typeName()
            + ", name it as in " + name.substring(0, dot) + "."
            + (parent.type().id() == TypeId.MAP ? Type.VALUE : Type.ELEMENT) + ".field)" : ""));
      }
    }
    if (dot > 0 && parent == null) {
      throw new ValidationException("Cannot add '" + name + "': there is no struct '" + name.substring(0, dot)
          + "' to add it to; the columns are " + current.columnNames());
    }
    List<Field> siblings = parent == null ? current.fields() : parent.type().fields();
    String newName = simple;
    if (siblings.stream().anyMatch(f -> f.name().equals(newName))) {
      throw new ValidationException("Cannot add column '" + name + "': a column of that name already exists;"
          + " pick another name, or drop or rename the existing one first");
    }
    int id = ++lastColumnId;
    Type fresh = TypeUtil.assignFreshIds(type, () -> ++lastColumnId);
    Object dflt;
    try {
      dflt = defaultValue == null ? null : Literals.coerce(fresh, defaultValue);
    } catch (ValidationException e) {
      throw new ValidationException("Cannot add column '" + name + "': its default " + e.getMessage());
    }
    Field added = new Field(id, simple, fresh, required, dflt);
    current = edit(parent == null ? null : parent.id(), fields -> {
      List<Field> out = new ArrayList<>(fields);
      out.add(added);
      return out;
    });
    return this;
  }

  @Override
  public UpdateSchema renameColumn(String name, String newName) {
    Field f = find(name, "rename");
    checkNotElement(f, name, "rename");
    ValidationException.check(!newName.contains("."), "Cannot rename '%s' to '%s': a new name has no dots;"
        + " to move a field into a struct, add it there", name, newName);
    if (siblingsOf(f).stream().anyMatch(s -> s.name().equals(newName) && s.id() != f.id())) {
      throw new ValidationException("Cannot rename '" + name + "' to '" + newName + "': a column named '"
          + newName + "' already exists there; drop or rename that one first");
    }
    current = replace(f.id(), x -> x.withName(newName));
    return this;
  }

  @Override
  public UpdateSchema deleteColumn(String name) {
    Field f = find(name, "drop");
    checkNotElement(f, name, "drop");
    for (PartitionSpec spec : specs) {
      for (PartitionSpec.Field pf : spec.fields()) {
        if (pf.sourceId() == f.id() || contains(f.type(), pf.sourceId())) {
          throw new ValidationException("Cannot drop column '" + name + "': partition field '" + pf.name()
              + "' of partition spec " + spec.specId() + " uses it; change the partition spec first");
        }
      }
    }
    for (SortOrder.Field sf : sortOrder.fields()) {
      if (sf.sourceId() == f.id() || contains(f.type(), sf.sourceId())) {
        throw new ValidationException("Cannot drop column '" + name + "': the table's sort order "
            + sortOrder.orderId() + " (" + sortOrder.toText(current) + ") sorts by it; change the sort order first");
      }
    }
    if (siblingsOf(f).size() == 1) {
      throw new ValidationException("Cannot drop '" + name + "': it is the only " + (current.parentId(f.id())
          .isPresent() ? "field of its struct; drop the struct instead" : "column of the table"));
    }
    current = edit(current.parentId(f.id()).orElse(null),
        fields -> fields.stream().filter(x -> x.id() != f.id()).toList());
    return this;
  }

  @Override
  public UpdateSchema updateColumn(String name, Type newType) {
    Field f = find(name, "change the type of");
    if (f.type().isNested() || newType.isNested()) {
      throw new ValidationException("Cannot change '" + name + "' from " + f.type() + " to " + newType
          + ": only primitive types can be widened; change the fields inside instead");
    }
    if (!Promotions.canPromote(f.type(), newType)) {
      throw new ValidationException("Cannot change column '" + name + "' from " + f.type() + " to " + newType
          + ": only widening keeps existing files readable (int to long, float to double, decimal(p,s) to"
          + " decimal(P,s) with P > p, date to timestamp)");
    }
    for (PartitionSpec spec : specs) {
      for (PartitionSpec.Field pf : spec.fields()) {
        if (pf.sourceId() == f.id() && !pf.transform().canTransform(newType)) {
          throw new ValidationException("Cannot change column '" + name + "' to " + newType + ": partition"
              + " field '" + pf.name() + "' applies " + pf.transform() + " to it, which cannot take " + newType);
        }
      }
    }
    current = replace(f.id(), x -> x.withType(newType));
    return this;
  }

  @Override
  public UpdateSchema makeColumnOptional(String name) {
    Field f = find(name, "make optional");
    if (current.parentId(f.id()).map(p -> current.findFieldById(p).orElseThrow().type().id() == TypeId.MAP)
        .orElse(false) && f.name().equals(Type.KEY)) {
      throw new ValidationException("Cannot make '" + name + "' optional: map keys are always required");
    }
    current = replace(f.id(), Field::asOptional);
    return this;
  }

  @Override
  public UpdateSchema moveFirst(String name) {
    Field f = find(name, "move");
    return move(f, name, 0);
  }

  @Override
  public UpdateSchema moveAfter(String name, String afterName) {
    Field f = find(name, "move");
    Field ref = sibling(f, afterName, name);
    List<Field> without = siblingsOf(f).stream().filter(x -> x.id() != f.id()).toList();
    return move(f, name, indexOf(without, ref.id()) + 1);
  }

  @Override
  public UpdateSchema moveBefore(String name, String beforeName) {
    Field f = find(name, "move");
    Field ref = sibling(f, beforeName, name);
    List<Field> without = siblingsOf(f).stream().filter(x -> x.id() != f.id()).toList();
    return move(f, name, indexOf(without, ref.id()));
  }

  private UpdateSchema move(Field f, String name, int index) {
    checkNotElement(f, name, "move");
    current = edit(current.parentId(f.id()).orElse(null), fields -> {
      List<Field> out = new ArrayList<>(fields.stream().filter(x -> x.id() != f.id()).toList());
      out.add(index, f);
      return out;
    });
    return this;
  }

  private Field sibling(Field f, String refName, String name) {
    Field ref = find(refName, "move '" + name + "' next to");
    ValidationException.check(ref.id() != f.id(), "Cannot move '%s' next to itself", name);
    ValidationException.check(current.parentId(ref.id()).equals(current.parentId(f.id())), "Cannot move '%s'"
        + " next to '%s': they are in different structs; columns move only among their siblings", name, refName);
    return ref;
  }

  private static int indexOf(List<Field> fields, int id) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).id() == id) {
        return i;
      }
    }
    throw new IllegalStateException("no field " + id);
  }

  private Field find(String name, String action) {
    Optional<Field> f = current.findField(name);
    if (f.isEmpty()) {
      throw new ValidationException("Cannot " + action + " column '" + name + "': no such column; the columns are "
          + current.columnNames() + (name.contains(".") ? "" : " (name fields of structs as struct.field)"));
    }
    return f.get();
  }

  private void checkNotElement(Field f, String name, String action) {
    Optional<Integer> parent = current.parentId(f.id());
    if (parent.isPresent() && current.findFieldById(parent.get()).orElseThrow().type().id() != TypeId.STRUCT) {
      throw new ValidationException("Cannot " + action + " '" + name + "': the element, key and value of a list"
          + " or map are part of it; " + action + " the list or map column instead");
    }
  }

  private List<Field> siblingsOf(Field f) {
    return current.parentId(f.id()).map(p -> current.findFieldById(p).orElseThrow().type().fields())
        .orElse(current.fields());
  }

  private static boolean contains(Type t, int id) {
    boolean[] found = {false};
    TypeUtil.forEachField(t, c -> found[0] |= c.id() == id);
    return found[0];
  }

  private Schema replace(int id, UnaryOperator<Field> change) {
    return edit(current.parentId(id).orElse(null),
        fields -> fields.stream().map(x -> x.id() == id ? change.apply(x) : x).toList());
  }

  /** The current schema with the child fields of {@code parentId} (the top level when null) edited. */
  private Schema edit(Integer parentId, UnaryOperator<List<Field>> change) {
    List<Field> top = parentId == null ? change.apply(current.fields())
        : editBelow(current.fields(), parentId, change);
    return new Schema(current.schemaId(), top);
  }

  private static List<Field> editBelow(List<Field> fields, int parentId, UnaryOperator<List<Field>> change) {
    List<Field> out = new ArrayList<>();
    for (Field f : fields) {
      if (f.id() == parentId) {
        out.add(f.withType(TypeUtil.rebuild(f.type(), change.apply(f.type().fields()))));
      } else if (f.type().isNested()) {
        out.add(f.withType(TypeUtil.rebuild(f.type(), editBelow(f.type().fields(), parentId, change))));
      } else {
        out.add(f);
      }
    }
    return out;
  }
}
