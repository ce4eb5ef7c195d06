package dev.magicexporter.sim.graphql;

import dev.magicexporter.sim.graphql.GraphQlAst.Document;
import dev.magicexporter.sim.graphql.GraphQlAst.EnumValue;
import dev.magicexporter.sim.graphql.GraphQlAst.Field;
import dev.magicexporter.sim.graphql.GraphQlAst.ListValue;
import dev.magicexporter.sim.graphql.GraphQlAst.Literal;
import dev.magicexporter.sim.graphql.GraphQlAst.ObjectValue;
import dev.magicexporter.sim.graphql.GraphQlAst.Operation;
import dev.magicexporter.sim.graphql.GraphQlAst.Value;
import dev.magicexporter.sim.graphql.GraphQlAst.Variable;
import dev.magicexporter.sim.graphql.GraphQlAst.VariableDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent parser for the executable subset of GraphQL (October 2021 spec, section 2)
 * that analytics queries use: operations, variable definitions with defaults, fields with
 * aliases, arguments and selection sets, and every literal kind (strings with escapes and block
 * strings, ints, floats, booleans, null, enums, lists, objects). Commas are insignificant, {@code #}
 * starts a comment. Fragments and directives are refused with a {@link SyntaxError}, as is
 * anything that is not GraphQL; the message names the line and column like reference servers do.
 *
 * <p>Written for the simulator rather than taken from graphql-java: the subset is small (this
 * class and {@link GraphQlAst}), and the simulator must stay an independent witness of the
 * exporter's queries without a schema-first server framework in the product's runtime classpath.
 */
public final class GraphQlParser {
  /** Deepest selection nesting accepted: a hostile query cannot exhaust the stack. */
  static final int MAX_DEPTH = 32;

  /** The document is not valid GraphQL (of the supported subset). */
  public static final class SyntaxError extends RuntimeException {
    public SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  private enum Kind { PUNCT, NAME, INT, FLOAT, STRING, EOF }

  private record Token(Kind kind, String text, Object value, int line, int column) {}

  private final String src;
  private int pos;
  private int line = 1;
  private int lineStart;
  private Token current;

  private GraphQlParser(String src) {
    this.src = src;
    this.current = lex();
  }

  /** Parses a whole document. */
  public static Document parse(String source) {
    if (source == null) {
      throw new SyntaxError("Syntax Error: no query given");
    }
    return new GraphQlParser(source).document();
  }

  private Document document() {
    List<Operation> ops = new ArrayList<>();
    while (current.kind != Kind.EOF) {
      ops.add(operation());
    }
    if (ops.isEmpty()) {
      throw error("Unexpected <EOF>");
    }
    return new Document(ops);
  }

  private Operation operation() {
    if (isPunct("{")) {
      return new Operation("query", null, List.of(), selectionSet(0));
    }
    Token t = expect(Kind.NAME);
    if (t.text.equals("fragment")) {
      throw error(t, "fragments are not supported by this server");
    }
    if (!t.text.equals("query") && !t.text.equals("mutation") && !t.text.equals("subscription")) {
      throw error(t, "Unexpected Name \"" + t.text + "\"");
    }
    String name = current.kind == Kind.NAME ? advance().text : null;
    List<VariableDefinition> vars = new ArrayList<>();
    if (isPunct("(")) {
      advance();
      while (!isPunct(")")) {
        vars.add(variableDefinition());
      }
      advance();
      if (vars.isEmpty()) {
        throw error("Expected variable definition, found \")\"");
      }
    }
    refuseDirective();
    return new Operation(t.text, name, vars, selectionSet(0));
  }

  private VariableDefinition variableDefinition() {
    expectPunct("$");
    String name = expect(Kind.NAME).text;
    expectPunct(":");
    StringBuilder type = new StringBuilder();
    boolean nonNull = type(type);
    Value def = null;
    if (isPunct("=")) {
      advance();
      def = value(true);
    }
    refuseDirective();
    return new VariableDefinition(name, type.toString(), nonNull, def);
  }

  /** Appends the type as written; returns whether the outermost type is non-null. */
  private boolean type(StringBuilder out) {
    if (isPunct("[")) {
      advance();
      out.append('[');
      type(out);
      expectPunct("]");
      out.append(']');
    } else {
      out.append(expect(Kind.NAME).text);
    }
    if (isPunct("!")) {
      advance();
      out.append('!');
      return true;
    }
    return false;
  }

  private List<Field> selectionSet(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("selections nested deeper than " + MAX_DEPTH);
    }
    expectPunct("{");
    List<Field> fields = new ArrayList<>();
    while (!isPunct("}")) {
      if (isPunct("...")) {
        throw error("fragments are not supported by this server");
      }
      fields.add(field(depth));
    }
    advance();
    if (fields.isEmpty()) {
      throw error("Expected Name, found \"}\"");
    }
    return fields;
  }

  private Field field(int depth) {
    Token first = expect(Kind.NAME);
    String alias = null;
    String name = first.text;
    if (isPunct(":")) {
      advance();
      alias = name;
      name = expect(Kind.NAME).text;
    }
    Map<String, Value> args = new LinkedHashMap<>();
    if (isPunct("(")) {
      advance();
      while (!isPunct(")")) {
        Token argName = expect(Kind.NAME);
        expectPunct(":");
        if (args.put(argName.text, value(false)) != null) {
          throw error(argName, "There can be only one argument named \"" + argName.text + "\"");
        }
      }
      advance();
      if (args.isEmpty()) {
        throw error("Expected Name, found \")\"");
      }
    }
    refuseDirective();
    List<Field> sub = isPunct("{") ? selectionSet(depth + 1) : List.of();
    return new Field(alias, name, args, sub, first.line, first.column);
  }

  private Value value(boolean constant) {
    Token t = current;
    switch (t.kind) {
      case PUNCT -> {
        switch (t.text) {
          case "$" -> {
            if (constant) {
              throw error("Unexpected variable in a constant value");
            }
            advance();
            return new Variable(expect(Kind.NAME).text);
          }
          case "[" -> {
            advance();
            List<Value> items = new ArrayList<>();
            while (!isPunct("]")) {
              items.add(value(constant));
            }
            advance();
            return new ListValue(items);
          }
          case "{" -> {
            advance();
            Map<String, Value> fields = new LinkedHashMap<>();
            while (!isPunct("}")) {
              Token n = expect(Kind.NAME);
              expectPunct(":");
              if (fields.put(n.text, value(constant)) != null) {
                throw error(n, "There can be only one input field named \"" + n.text + "\"");
              }
            }
            advance();
            return new ObjectValue(Collections.unmodifiableMap(fields));
          }
          default -> throw error("Unexpected \"" + t.text + "\"");
        }
      }
      case INT, FLOAT, STRING -> {
        advance();
        return new Literal(t.value);
      }
      case NAME -> {
        advance();
        return switch (t.text) {
          case "true" -> new Literal(Boolean.TRUE);
          case "false" -> new Literal(Boolean.FALSE);
          case "null" -> new Literal(null);
          default -> new EnumValue(t.text);
        };
      }
      default -> throw error("Unexpected <EOF>");
    }
  }

  private void refuseDirective() {
    if (isPunct("@")) {
      throw error("directives are not supported by this server");
    }
  }

  // ---- tokens ----

  private boolean isPunct(String p) {
    return current.kind == Kind.PUNCT && current.text.equals(p);
  }

  private Token advance() {
    Token t = current;
    current = lex();
    return t;
  }

  private Token expect(Kind kind) {
    if (current.kind != kind) {
      throw error("Expected " + (kind == Kind.NAME ? "Name" : kind.name()) + ", found " + describe(current));
    }
    return advance();
  }

  private void expectPunct(String p) {
    if (!isPunct(p)) {
      throw error("Expected \"" + p + "\", found " + describe(current));
    }
    advance();
  }

  private static String describe(Token t) {
    return switch (t.kind) {
      case EOF -> "<EOF>";
      case NAME -> "Name \"" + t.text + "\"";
      case STRING -> "String";
      case INT, FLOAT -> t.kind == Kind.INT ? "Int \"" + t.text + "\"" : "Float \"" + t.text + "\"";
      case PUNCT -> "\"" + t.text + "\"";
    };
  }

  private SyntaxError error(String message) {
    return error(current, message);
  }

  private static SyntaxError error(Token at, String message) {
    return new SyntaxError("Syntax Error: " + message + " (line " + at.line + ", column " + at.column + ")");
  }

  private SyntaxError lexError(String message) {
    return new SyntaxError("Syntax Error: " + message + " (line " + line + ", column " + (pos - lineStart + 1) + ")");
  }

  private Token lex() {
    skipIgnored();
    int col = pos - lineStart + 1;
    if (pos >= src.length()) {
      return new Token(Kind.EOF, "", null, line, col);
    }
    char c = src.charAt(pos);
    if (src.startsWith("...", pos)) {
      pos += 3;
      return new Token(Kind.PUNCT, "...", null, line, col);
    }
    if ("!$()[]{}:=@|&".indexOf(c) >= 0) {
      pos++;
      return new Token(Kind.PUNCT, String.valueOf(c), null, line, col);
    }
    if (c == '_' || Character.isLetter(c) && c < 128) {
      int start = pos;
      while (pos < src.length() && isNameChar(src.charAt(pos))) {
        pos++;
      }
      return new Token(Kind.NAME, src.substring(start, pos), null, line, col);
    }
    if (c == '-' || c >= '0' && c <= '9') {
      return number(col);
    }
    if (c == '"') {
      return src.startsWith("\"\"\"", pos) ? blockString(col) : string(col);
    }
    throw lexError("Unexpected character \"" + c + "\"");
  }

  private static boolean isNameChar(char c) {
    return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private void skipIgnored() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n') {
        pos++;
        newLine();
      } else if (c == '\r') {
        pos++;
        if (pos < src.length() && src.charAt(pos) == '\n') {
          pos++;
        }
        newLine();
      } else if (c == ' ' || c == '\t' || c == ',' || c == '\uFEFF') {
        pos++;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private void newLine() {
    line++;
    lineStart = pos;
  }

  private Token number(int col) {
    int start = pos;
    if (src.charAt(pos) == '-') {
      pos++;
    }
    int digits = pos;
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      pos++;
    }
    if (pos == digits || src.charAt(digits) == '0' && pos - digits > 1) {
      throw lexError("Invalid number");
    }
    boolean isFloat = false;
    if (pos < src.length() && src.charAt(pos) == '.') {
      isFloat = true;
      pos++;
      int frac = pos;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
      if (pos == frac) {
        throw lexError("Invalid number, expected digit after \".\"");
      }
    }
    if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      isFloat = true;
      pos++;
      if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
        pos++;
      }
      int exp = pos;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
      if (pos == exp) {
        throw lexError("Invalid number, expected digit in exponent");
      }
    }
    if (pos < src.length() && (isNameChar(src.charAt(pos)) || src.charAt(pos) == '.')) {
      throw lexError("Invalid number");
    }
    String text = src.substring(start, pos);
    if (isFloat) {
      return new Token(Kind.FLOAT, text, Double.parseDouble(text), line, col);
    }
    try {
      return new Token(Kind.INT, text, Long.parseLong(text), line, col);
    } catch (NumberFormatException e) {
      throw lexError("Int cannot represent " + text);
    }
  }

  private Token string(int col) {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n' || src.charAt(pos) == '\r') {
        throw lexError("Unterminated string");
      }
      char c = src.charAt(pos++);
      if (c == '"') {
        return new Token(Kind.STRING, sb.toString(), sb.toString(), line, col);
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= src.length()) {
        throw lexError("Unterminated string");
      }
      char e = src.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > src.length()) {
            throw lexError("Invalid Unicode escape sequence");
          }
          try {
            sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw lexError("Invalid Unicode escape sequence");
          }
          pos += 4;
        }
        default -> throw lexError("Invalid character escape sequence: \\" + e);
      }
    }
  }

  private Token blockString(int col) {
    int startLine = line;
    pos += 3;
    int end = src.indexOf("\"\"\"", pos);
    while (end > 0 && src.charAt(end - 1) == '\\') {
      end = src.indexOf("\"\"\"", end + 3);
    }
    if (end < 0) {
      throw lexError("Unterminated string");
    }
    String raw = src.substring(pos, end).replace("\\\"\"\"", "\"\"\"");
    for (int i = pos; i < end; i++) {
      if (src.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    pos = end + 3;
    String value = blockValue(raw);
    return new Token(Kind.STRING, value, value, startLine, col);
  }

  /** The spec's BlockStringValue: common indentation and blank first/last lines removed. */
  private static String blockValue(String raw) {
    String[] lines = raw.split("\r\n|\r|\n", -1);
    int common = Integer.MAX_VALUE;
    for (int i = 1; i < lines.length; i++) {
      String l = lines[i];
      int indent = 0;
      while (indent < l.length() && (l.charAt(indent) == ' ' || l.charAt(indent) == '\t')) {
        indent++;
      }
      if (indent < l.length()) {
        common = Math.min(common, indent);
      }
    }
    List<String> out = new ArrayList<>(List.of(lines));
    if (common != Integer.MAX_VALUE) {
      for (int i = 1; i < out.size(); i++) {
        String l = out.get(i);
        out.set(i, l.length() >= common ? l.substring(common) : "");
      }
    }
    while (!out.isEmpty() && out.get(0).isBlank()) {
      out.remove(0);
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
      out.remove(out.size() - 1);
    }
    return String.join("\n", out);
  }
}
