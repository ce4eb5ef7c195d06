package dev.magicexporter.sim.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magicexporter.sim.graphql.GraphQlAst.Document;
import dev.magicexporter.sim.graphql.GraphQlAst.EnumValue;
import dev.magicexporter.sim.graphql.GraphQlAst.Field;
import dev.magicexporter.sim.graphql.GraphQlAst.ListValue;
import dev.magicexporter.sim.graphql.GraphQlAst.Literal;
import dev.magicexporter.sim.graphql.GraphQlAst.ObjectValue;
import dev.magicexporter.sim.graphql.GraphQlAst.Operation;
import dev.magicexporter.sim.graphql.GraphQlAst.Variable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GraphQlParserTest {

  @Test
  void parsesTheTutorialQueryWithVariablesAliasesAndArguments() {
    Document d = GraphQlParser.parse("""
        # Cloudflare's tunnel health tutorial, with an alias and a default
        query GetTunnelHealth($accountTag: string!, $start: Time, $end: Time, $limit: uint64 = 100) {
          viewer {
            accounts(filter: {accountTag: $accountTag}) {
              health: magicTransitTunnelHealthChecksAdaptiveGroups(
                limit: $limit,
                filter: { datetime_geq: $start, datetime_lt: $end, edgeColoName_in: ["ORD", "AMS"] }
                orderBy: [datetime_ASC, count_DESC]
              ) {
                count
                avg { state: tunnelState }
                dimensions { tunnelName edgeColoName }
              }
            }
          }
        }""");
    Operation op = d.operations().get(0);
    assertThat(op.name()).isEqualTo("GetTunnelHealth");
    assertThat(op.variables()).extracting(v -> v.name() + ":" + v.type() + ":" + v.nonNull())
        .containsExactly("accountTag:string!:true", "start:Time:false", "end:Time:false", "limit:uint64:false");
    assertThat(op.variables().get(3).defaultValue()).isEqualTo(new Literal(100L));
    Field accounts = op.selections().get(0).selections().get(0);
    assertThat(accounts.arguments().get("filter"))
        .isEqualTo(new ObjectValue(java.util.Map.of("accountTag", new Variable("accountTag"))));
    Field health = accounts.selections().get(0);
    assertThat(health.alias()).isEqualTo("health");
    assertThat(health.name()).isEqualTo("magicTransitTunnelHealthChecksAdaptiveGroups");
    assertThat(health.responseKey()).isEqualTo("health");
    ObjectValue filter = (ObjectValue) health.arguments().get("filter");
    assertThat(filter.fields().keySet()).containsExactly("datetime_geq", "datetime_lt", "edgeColoName_in");
    assertThat(filter.fields().get("edgeColoName_in"))
        .isEqualTo(new ListValue(java.util.List.of(new Literal("ORD"), new Literal("AMS"))));
    assertThat(health.arguments().get("orderBy"))
        .isEqualTo(new ListValue(java.util.List.of(new EnumValue("datetime_ASC"), new EnumValue("count_DESC"))));
    assertThat(health.selections()).extracting(Field::responseKey).containsExactly("count", "avg", "dimensions");
    assertThat(health.selections().get(1).selections().get(0).responseKey()).isEqualTo("state");
  }

  @Test
  void readsEveryLiteralKind() {
    Field f = GraphQlParser.parse("{ f(a: -12, b: 1.5e3, c: \"x\\n\\u0041\\\"\", d: true, e: null, g: ENUM,"
        + " h: \"\"\"\n    block\n      indented\n    \"\"\") }").operations().get(0).selections().get(0);
    assertThat(f.arguments().get("a")).isEqualTo(new Literal(-12L));
    assertThat(f.arguments().get("b")).isEqualTo(new Literal(1500.0));
    assertThat(f.arguments().get("c")).isEqualTo(new Literal("x\nA\""));
    assertThat(f.arguments().get("d")).isEqualTo(new Literal(true));
    assertThat(f.arguments().get("e")).isEqualTo(new Literal(null));
    assertThat(f.arguments().get("g")).isEqualTo(new EnumValue("ENUM"));
    assertThat(f.arguments().get("h")).isEqualTo(new Literal("block\n  indented"));
  }

  @Test
  void anonymousShorthandAndSeveralOperations() {
    assertThat(GraphQlParser.parse("{ viewer { __typename } }").operations().get(0).type()).isEqualTo("query");
    Document d = GraphQlParser.parse("query A { a } query B { b }");
    assertThat(d.operations()).extracting(Operation::name).containsExactly("A", "B");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{ viewer { accounts { ...F } } }|fragments are not supported",
      "query { a @include(if: true) }|directives are not supported",
      "{ a(x: 1 }|Expected Name, found \"}\"",
      "{ a |Expected Name, found <EOF>",
      "{ a(x: \"unterminated) }|Unterminated string",
      "{ a(x: 01) }|Invalid number",
      "query Q($v: Int = $w) { a }|Unexpected variable in a constant value",
      "{ a(x: 1, x: 2) }|There can be only one argument named \"x\"",
      "{ }|Expected Name, found \"}\"",
      "mutation { a } extra|Unexpected Name \"extra\"",
      "# only a comment|Unexpected <EOF>",
      "{ a ? }|Unexpected character \"?\"",
  })
  void refusesWhatIsNotTheSubsetWithLineAndColumn(String query, String message) {
    assertThatThrownBy(() -> GraphQlParser.parse(query))
        .isInstanceOf(GraphQlParser.SyntaxError.class)
        .hasMessageStartingWith("Syntax Error: ")
        .hasMessageContaining(message)
        .hasMessageContaining("(line 1, column ");
  }

  @Test
  void reportsTheLineOfAnErrorOnALaterLine() {
    assertThatThrownBy(() -> GraphQlParser.parse("{\n  viewer {\n    a(x: ]\n  }\n}"))
        .hasMessageContaining("(line 3, column 10)");
  }

  @Test
  void refusesNestingDeeperThanTheBound() {
    String deep = "{ a ".repeat(GraphQlParser.MAX_DEPTH + 2) + "}".repeat(GraphQlParser.MAX_DEPTH + 2);
    assertThatThrownBy(() -> GraphQlParser.parse(deep)).hasMessageContaining("nested deeper than");
  }
}
