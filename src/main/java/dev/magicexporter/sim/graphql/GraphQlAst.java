package dev.magicexporter.sim.graphql;

import java.util.List;
import java.util.Map;

/**
 * The parsed form of the GraphQL subset the simulator serves: operations with variable
 * definitions, fields with aliases, arguments and sub-selections, and literal or variable values.
 * Fragments and directives are not part of the subset; the parser refuses them with a clear error.
 */
public final class GraphQlAst {
  private GraphQlAst() {}

  /** A document: its operations in source order. */
  public record Document(List<Operation> operations) {
    public Document {
      operations = List.copyOf(operations);
    }
  }

  /**
   * One operation ({@code query Name($v: Type!) { ... }} or the shorthand {@code { ... }}).
   *
   * @param type {@code query}, {@code mutation} or {@code subscription}
   * @param name null for an anonymous operation
   */
  public record Operation(String type, String name, List<VariableDefinition> variables, List<Field> selections) {
    public Operation {
      variables = List.copyOf(variables);
      selections = List.copyOf(selections);
    }
  }

  /** {@code $name: Type = default}; {@code nonNull} when the type ends in {@code !}. */
  public record VariableDefinition(String name, String type, boolean nonNull, Value defaultValue) {}

  /**
   * A field selection. {@code alias} is null when none was given; {@link #responseKey()} is the
   * key of the field in the answer.
   */
  public record Field(String alias, String name, Map<String, Value> arguments, List<Field> selections,
      int line, int column) {
    public Field {
      arguments = Map.copyOf(arguments);
      selections = List.copyOf(selections);
    }

    public String responseKey() {
      return alias != null ? alias : name;
    }
  }

  /** A value as written in the document. */
  public sealed interface Value permits Variable, Literal, EnumValue, ListValue, ObjectValue {}

  /** {@code $name}. */
  public record Variable(String name) implements Value {}

  /**
   * A string, number, boolean or null literal, as its Java value: String, Long, Double, Boolean
   * or null.
   */
  public record Literal(Object value) implements Value {}

  /** An enum value such as {@code datetime_ASC}. */
  public record EnumValue(String name) implements Value {}

  public record ListValue(List<Value> items) implements Value {
    public ListValue {
      items = List.copyOf(items);
    }
  }

  /** An input object; field order kept. */
  public record ObjectValue(Map<String, Value> fields) implements Value {}
}
