package dev.snaplog.core.data;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Which columns of one file to read and where their values go. Columns, and fields nested in them, are
 * matched by field id, so a field renamed after the file was written is still found; a file written without
 * ids (by another tool) is matched by name. Fields the file lacks (added to the table later) read as their
 * default, or null. A column whose type was widened since the file was written is read as written and
 * widened value by value.
 */
final class ReadPlan {
  /** One read field and the part of the file that holds it. */
  static final class Node {
    /** The field as read (the read schema's type), or null for a column read only to see a struct is there. */
    final Field field;
    /** Where the value goes in its parent: struct position, 0 for a list element, 0 key and 1 value. */
    final int index;
    final org.apache.parquet.schema.Type requested;
    /** For primitives: the type the file holds the values as (the field's own, or a narrower one). */
    final Type fileType;
    final List<Node> children;
    /** For structs: the value of each read field, by position, when the file lacks it. */
    final Object[] defaults;

    Node(Field field, int index, org.apache.parquet.schema.Type requested, Type fileType, List<Node> children,
        Object[] defaults) {
      this.field = field;
      this.index = index;
      this.requested = requested;
      this.fileType = fileType;
      this.children = children;
      this.defaults = defaults;
    }
  }

  final MessageType requested;
  /** The top-level read columns present in the file, in requested order. */
  final List<Node> columns;
  /** Values of top-level read columns by position, for those the file lacks. */
  final Object[] defaults;
  /** Primitive fields reachable through structs only, by their path in the file: used for row-group stats. */
  final Map<ColumnPath, Node> leavesByPath;
  /**
   * Ids of struct-reachable read fields the file lacks, with the value every row reads for them (fields of
   * structs with a default are left out: rows whose struct is null read null there).
   */
  final Map<Integer, Object> missing;

  private ReadPlan(MessageType requested, List<Node> columns, Object[] defaults, Map<ColumnPath, Node> leaves,
      Map<Integer, Object> missing) {
    this.requested = requested;
    this.columns = columns;
    this.defaults = defaults;
    this.leavesByPath = leaves;
    this.missing = missing;
  }

  /**
   * @throws CorruptTableException if the file lacks a required field that has no default, or a field of the
   *     file has the read field's id but cannot hold its type
   */
  static ReadPlan of(MessageType fileSchema, Schema readSchema, String location) {
    Matcher m = new Matcher(fileSchema.getFields().stream().anyMatch(t -> t.getId() != null), location);
    List<Node> columns = new ArrayList<>();
    Object[] defaults = new Object[readSchema.size()];
    List<Field> fields = readSchema.fields();
    for (int pos = 0; pos < fields.size(); pos++) {
      Field f = fields.get(pos);
      org.apache.parquet.schema.Type col = m.find(fileSchema, f);
      if (col == null) {
        defaults[pos] = m.missing(f, false);
        continue;
      }
      columns.add(m.match(col, f, pos, List.of(col.getName()), true));
    }
    List<org.apache.parquet.schema.Type> requested = columns.stream().map(n -> n.requested).toList();
    return new ReadPlan(new MessageType(fileSchema.getName(), requested), columns, defaults, m.leaves, m.missing);
  }

  private static final class Matcher {
    private final boolean byId;
    private final String location;
    private final Map<ColumnPath, Node> leaves = new HashMap<>();
    private final Map<Integer, Object> missing = new HashMap<>();

    Matcher(boolean byId, String location) {
      this.byId = byId;
      this.location = location;
    }

    org.apache.parquet.schema.Type find(GroupType group, Field f) {
      for (org.apache.parquet.schema.Type t : group.getFields()) {
        if (byId ? t.getId() != null && t.getId().intValue() == f.id() : t.getName().equals(f.name())) {
          return t;
        }
      }
      return null;
    }

    /** @param inStruct whether {@code f} is a field of a struct (not a top-level column) */
    Object missing(Field f, boolean inStruct) {
      if (f.required() && f.initialDefault() == null) {
        throw new CorruptTableException("Data file " + location + " has no column for required field '"
            + f.name() + "' (field id " + f.id() + "), which has no default", null, null, null);
      }
      // inside a struct a default is read only where the struct is not null, and how many rows have it null is
      // not known here: such a field gets no row-group stats rather than stats that would say it is never null
      if (!inStruct || f.initialDefault() == null) {
        missing.put(f.id(), f.initialDefault());
      }
      return f.initialDefault();
    }

    /** @param reachable whether the field lies only inside structs (so one row has one value of it) */
    Node match(org.apache.parquet.schema.Type col, Field f, int index, List<String> path, boolean reachable) {
      Type t = f.type();
      if (t.isPrimitive()) {
        Type fileType = col.isPrimitive() ? ParquetTypes.fileType(col.asPrimitiveType(), f).orElse(null) : null;
        if (fileType == null) {
          throw cannotRead(col, f);
        }
        Node n = new Node(f, index, col, fileType, List.of(), null);
        if (reachable) {
          leaves.put(ColumnPath.get(path.toArray(String[]::new)), n);
        }
        return n;
      }
      if (col.isPrimitive() || !kindMatches(col.asGroupType(), t.id())) {
        throw cannotRead(col, f);
      }
      GroupType group = col.asGroupType();
      return switch (t.id()) {
        case STRUCT -> struct(group, f, index, path, reachable);
        case LIST -> repeated(group, f, index, path, List.of(t.elementField()));
        default -> repeated(group, f, index, path, List.of(t.keyField(), t.valueField()));
      };
    }

    private Node struct(GroupType group, Field f, int index, List<String> path, boolean reachable) {
      List<Field> readChildren = f.type().fields();
      Object[] defaults = new Object[readChildren.size()];
      List<Node> children = new ArrayList<>();
      for (int i = 0; i < readChildren.size(); i++) {
        Field c = readChildren.get(i);
        org.apache.parquet.schema.Type fc = find(group, c);
        if (fc == null) {
          defaults[i] = missing(c, true);
        } else {
          children.add(match(fc, c, i, append(path, fc.getName()), reachable));
        }
      }
      if (children.isEmpty()) {
        // none of the wanted fields is in the file: read one column of the struct to tell a null struct from
        // a struct of absent fields
        org.apache.parquet.schema.Type first = group.getType(0);
        children.add(new Node(null, -1, first, null, List.of(), null));
      }
      return new Node(f, index, group.withNewFields(children.stream().map(n -> n.requested).toList()), null,
          children, defaults);
    }

    // lists and maps: the group holds one repeated group, which holds the element (or the key and the value)
    private Node repeated(GroupType group, Field f, int index, List<String> path, List<Field> readChildren) {
      if (group.getFieldCount() != 1 || group.getType(0).isPrimitive()) {
        throw cannotRead(group, f);
      }
      GroupType rep = group.getType(0).asGroupType();
      if (rep.getFieldCount() != readChildren.size()) {
        throw cannotRead(group, f);
      }
      List<Node> children = new ArrayList<>();
      for (int i = 0; i < readChildren.size(); i++) {
        org.apache.parquet.schema.Type fc = rep.getType(i);
        children.add(match(fc, readChildren.get(i), i, append(append(path, rep.getName()), fc.getName()), false));
      }
      GroupType requestedRep = rep.withNewFields(children.stream().map(n -> n.requested).toList());
      return new Node(f, index, group.withNewFields(requestedRep), null, children, null);
    }

    private static boolean kindMatches(GroupType g, TypeId kind) {
      LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
      return switch (kind) {
        case LIST -> a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation;
        case MAP -> a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation;
        default -> a == null;
      };
    }

    private static List<String> append(List<String> path, String name) {
      List<String> out = new ArrayList<>(path);
      out.add(name);
      return out;
    }

    private CorruptTableException cannotRead(org.apache.parquet.schema.Type col, Field f) {
      return new CorruptTableException("Data file " + location + " stores field '" + f.name() + "' (field id "
          + f.id() + ") as " + col + ", which cannot be read as " + f.type(), null, null, null);
    }
  }

  /** The physical type of a primitive node's file column. */
  static PrimitiveType.PrimitiveTypeName physical(Node n) {
    return n.requested.asPrimitiveType().getPrimitiveTypeName();
  }
}
