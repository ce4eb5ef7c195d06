package dev.magicexporter.sim.graphql;

import dev.magicexporter.sim.graphql.AnalyticsSimData.SimRow;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Answers one GraphQL request against the simulated analytics, with the envelope of Cloudflare's
 * GraphQL API: {@code {"data": ..., "errors": null | [...]}}, every error with {@code message},
 * {@code path} (where it applies) and {@code extensions.timestamp}.
 *
 * <ul>
 *   <li>A document that does not parse, or that selects a field, dataset or argument the schema
 *       does not have, is refused as a whole ({@code data} null), its errors naming the path.</li>
 *   <li>A request whose dataset nodes do not fit in the quota is refused as a whole.</li>
 *   <li>Otherwise each dataset node is answered on its own: one node's error (a bad filter, a
 *       range too old or too wide, a limit too large, too many fields, a fault) sets that node
 *       to null with an error at {@code ["viewer","accounts","0",<alias>]}; the others answer.</li>
 * </ul>
 *
 * A node groups the visible rows of its time range by the dimensions it selects (in selection
 * order, under their aliases), computes {@code count}, {@code sum} and the count-weighted
 * {@code avg}, sorts by {@code orderBy} (default: by the dimensions), and keeps {@code limit}.
 */
final class GraphQlExecutor {
  private final AnalyticsSimWorld analytics;
  private final Predicate<String> knowsAccount;

  GraphQlExecutor(AnalyticsSimWorld analytics, Predicate<String> knowsAccount) {
    this.analytics = analytics;
    this.knowsAccount = knowsAccount;
  }

  /** A problem with a path; {@code path} may be null. */
  private record Problem(String message, List<Object> path) {}

  /** A node-level failure while executing one dataset. */
  private static final class NodeError extends RuntimeException {
    NodeError(String message) {
      super(message, null, false, false);
    }
  }

  Map<String, Object> execute(String query, Map<String, Object> variables, String operationName) {
    Document doc;
    try {
      doc = GraphQlParser.parse(query);
    } catch (GraphQlParser.SyntaxError e) {
      return refused(List.of(new Problem(e.getMessage(), null)));
    }
    Operation op;
    try {
      op = pick(doc, operationName);
    } catch (NodeError e) {
      return refused(List.of(new Problem(e.getMessage(), null)));
    }
    List<Problem> problems = new ArrayList<>();
    Map<String, Object> vars = coerceVariables(op, variables == null ? Map.of() : variables, problems);
    validateRoot(op.selections(), problems);
    if (!problems.isEmpty()) {
      return refused(problems);
    }
    int nodes = countDatasetNodes(op.selections());
    if (nodes > 0 && !analytics.takeQuota(nodes)) {
      return refused(List.of(new Problem(AnalyticsSimWorld.QUOTA_EXHAUSTED, null)));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    for (Field f : op.selections()) {
      if (f.name().equals("__typename")) {
        data.put(f.responseKey(), "Query");
      } else {
        data.put(f.responseKey(), viewer(f, vars, problems));
      }
    }
    return envelope(data, problems);
  }

  private Map<String, Object> refused(List<Problem> problems) {
    return envelope(null, problems);
  }

  private Map<String, Object> envelope(Object data, List<Problem> problems) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", data);
    if (problems.isEmpty()) {
      out.put("errors", null);
    } else {
      String ts = Instant.ofEpochMilli((long) (analytics.clock().nowSeconds() * 1000)).toString();
      List<Object> errors = new ArrayList<>();
      for (Problem p : problems) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", p.message());
        if (p.path() != null) {
          e.put("path", p.path());
        }
        e.put("extensions", Map.of("timestamp", ts));
        errors.add(e);
      }
      out.put("errors", errors);
    }
    return out;
  }

  private static Operation pick(Document doc, String operationName) {
    if (operationName != null && !operationName.isEmpty()) {
      for (Operation o : doc.operations()) {
        if (operationName.equals(o.name())) {
          return checkType(o);
        }
      }
      throw new NodeError("Unknown operation named \"" + operationName + "\".");
    }
    if (doc.operations().size() > 1) {
      throw new NodeError("Must provide operation name if query contains multiple operations.");
    }
    return checkType(doc.operations().get(0));
  }

  private static Operation checkType(Operation o) {
    if (!o.type().equals("query")) {
      throw new NodeError("only queries are supported; " + o.type() + " is not");
    }
    return o;
  }

  private static Map<String, Object> coerceVariables(Operation op, Map<String, Object> given, List<Problem> problems) {
    Map<String, Object> out = new HashMap<>();
    for (VariableDefinition d : op.variables()) {
      if (given.containsKey(d.name()) && given.get(d.name()) != null) {
        out.put(d.name(), normalize(given.get(d.name())));
      } else if (d.defaultValue() != null) {
        out.put(d.name(), resolve(d.defaultValue(), Map.of()));
      } else if (d.nonNull()) {
        problems.add(new Problem("Variable \"$" + d.name() + "\" of required type \"" + d.type()
            + "\" was not provided.", null));
      }
    }
    return out;
  }

  /** JSON numbers as Long or Double, nested values too. */
  private static Object normalize(Object v) {
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof java.math.BigDecimal b) {
      return b.doubleValue();
    }
    if (v instanceof java.math.BigInteger b) {
      return b.longValue();
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(normalize(x)));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
      return out;
    }
    return v;
  }

  /** The value with variables substituted: String, Long, Double, Boolean, null, List or Map. */
  private static Object resolve(Value v, Map<String, Object> vars) {
    if (v instanceof Variable var) {
      if (!vars.containsKey(var.name())) {
        return null;
      }
      return vars.get(var.name());
    }
    if (v instanceof Literal l) {
      return l.value();
    }
    if (v instanceof EnumValue e) {
      return e.name();
    }
    if (v instanceof ListValue l) {
      List<Object> out = new ArrayList<>();
      l.items().forEach(x -> out.add(resolve(x, vars)));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((ObjectValue) v).fields().forEach((k, x) -> out.put(k, resolve(x, vars)));
    return out;
  }

  // ---- validation (whole document) ----

  private void validateRoot(List<Field> fields, List<Problem> problems) {
    for (Field f : fields) {
      List<Object> path = List.of(f.responseKey());
      switch (f.name()) {
        case "__typename" -> leaf(f, path, problems);
        case "viewer" -> {
          object(f, path, problems, Set.of());
          for (Field v : f.selections()) {
            List<Object> vp = append(path, v.responseKey());
            switch (v.name()) {
              case "__typename" -> leaf(v, vp, problems);
              case "accounts" -> {
                object(v, vp, problems, Set.of("filter"));
                validateAccount(v.selections(), vp, problems);
              }
              default -> problems.add(unknownField(v, "viewer", vp));
            }
          }
        }
        default -> problems.add(unknownField(f, "Query", path));
      }
    }
  }

  private void validateAccount(List<Field> fields, List<Object> path, List<Problem> problems) {
    for (Field f : fields) {
      List<Object> p = append(path, "0", f.responseKey());
      if (f.name().equals("__typename")) {
        leaf(f, p, problems);
      } else if (f.name().equals("settings")) {
        object(f, p, problems, Set.of());
        for (Field s : f.selections()) {
          List<Object> sp = append(p, s.responseKey());
          if (s.name().equals("__typename")) {
            leaf(s, sp, problems);
          } else if (SimDataset.ALL.containsKey(s.name())) {
            object(s, sp, problems, Set.of());
            for (Field x : s.selections()) {
              if (!SETTINGS_FIELDS.contains(x.name())) {
                problems.add(unknownField(x, "settings", append(sp, x.responseKey())));
              } else {
                leaf(x, append(sp, x.responseKey()), problems);
              }
            }
          } else {
            problems.add(unknownField(s, "settings", sp));
          }
        }
      } else if (SimDataset.ALL.containsKey(f.name())) {
        object(f, p, problems, Set.of("limit", "filter", "orderBy"));
        validateGroup(SimDataset.ALL.get(f.name()), f.selections(), p, problems);
      } else {
        problems.add(unknownField(f, "account", p));
      }
    }
  }

  private static final Set<String> SETTINGS_FIELDS = Set.of("enabled", "availableFields", "maxPageSize",
      "maxNumberOfFields", "notOlderThan", "maxDuration");

  private static void validateGroup(SimDataset ds, List<Field> fields, List<Object> path, List<Problem> problems) {
    for (Field f : fields) {
      List<Object> p = append(path, f.responseKey());
      if (f.name().equals("__typename") || f.name().equals("count") && ds.hasCount()) {
        leaf(f, p, problems);
      } else if (f.name().equals("dimensions")) {
        object(f, p, problems, Set.of());
        for (Field d : f.selections()) {
          if (d.name().equals("__typename") || ds.dimensions().contains(d.name())) {
            leaf(d, append(p, d.responseKey()), problems);
          } else {
            problems.add(unknownField(d, ds.typeName() + "Dimensions", append(p, d.responseKey())));
          }
        }
      } else if (ds.aggregates().containsKey(f.name())) {
        object(f, p, problems, Set.of());
        List<String> allowed = ds.aggregates().get(f.name());
        for (Field a : f.selections()) {
          if (a.name().equals("__typename") || allowed.contains(a.name())) {
            leaf(a, append(p, a.responseKey()), problems);
          } else {
            problems.add(unknownField(a, ds.typeName() + capitalize(f.name()), append(p, a.responseKey())));
          }
        }
      } else {
        problems.add(unknownField(f, ds.typeName(), p));
      }
    }
  }

  private static void leaf(Field f, List<Object> path, List<Problem> problems) {
    if (!f.selections().isEmpty()) {
      problems.add(new Problem("Field \"" + f.name() + "\" must not have a selection since it has no subfields.",
          path));
    }
    if (!f.arguments().isEmpty()) {
      problems.add(new Problem("Unknown argument \"" + f.arguments().keySet().iterator().next() + "\" on field \""
          + f.name() + "\".", path));
    }
  }

  private static void object(Field f, List<Object> path, List<Problem> problems, Set<String> arguments) {
    if (f.selections().isEmpty()) {
      problems.add(new Problem("Field \"" + f.name() + "\" of an object type must have a selection of subfields.",
          path));
    }
    for (String a : f.arguments().keySet()) {
      if (!arguments.contains(a)) {
        problems.add(new Problem("Unknown argument \"" + a + "\" on field \"" + f.name() + "\".", path));
      }
    }
  }

  private static Problem unknownField(Field f, String type, List<Object> path) {
    return new Problem("Cannot query field \"" + f.name() + "\" on type \"" + type + "\". (line " + f.line()
        + ", column " + f.column() + ")", path);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static List<Object> append(List<Object> path, Object... more) {
    List<Object> out = new ArrayList<>(path);
    out.addAll(List.of(more));
    return List.copyOf(out);
  }

  private static int countDatasetNodes(List<Field> root) {
    int n = 0;
    for (Field v : root) {
      for (Field a : v.selections()) {
        if (a.name().equals("accounts")) {
          for (Field d : a.selections()) {
            if (SimDataset.ALL.containsKey(d.name())) {
              n++;
            }
          }
        }
      }
    }
    return n;
  }

  // ---- execution ----

  private Map<String, Object> viewer(Field f, Map<String, Object> vars, List<Problem> problems) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field v : f.selections()) {
      if (v.name().equals("__typename")) {
        out.put(v.responseKey(), "viewer");
        continue;
      }
      List<Object> path = List.of(f.responseKey(), v.responseKey());
      Object filter = v.arguments().containsKey("filter") ? resolve(v.arguments().get("filter"), vars) : null;
      Object tag = filter instanceof Map<?, ?> m ? m.get("accountTag") : null;
      if (!(tag instanceof String account) || account.isEmpty()) {
        problems.add(new Problem("error parsing args: accounts needs filter: {accountTag: ...}", path));
        out.put(v.responseKey(), null);
        continue;
      }
      if (!knowsAccount.test(account)) {
        problems.add(new Problem(AnalyticsSimWorld.ACCESS_DENIED + " viewer.accounts (account " + account + ")", path));
        out.put(v.responseKey(), null);
        continue;
      }
      out.put(v.responseKey(), List.of(account(account, v.selections(), vars, path, problems)));
    }
    return out;
  }

  private Map<String, Object> account(String account, List<Field> fields, Map<String, Object> vars, List<Object> path,
      List<Problem> problems) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : fields) {
      if (f.name().equals("__typename")) {
        out.put(f.responseKey(), "account");
      } else if (f.name().equals("settings")) {
        out.put(f.responseKey(), settings(f));
      } else {
        SimDataset ds = SimDataset.ALL.get(f.name());
        List<Object> p = append(path, "0", f.responseKey());
        try {
          out.put(f.responseKey(), node(ds, account, f, vars));
        } catch (NodeError e) {
          problems.add(new Problem(e.getMessage(), p));
          out.put(f.responseKey(), null);
        }
      }
    }
    return out;
  }

  private static Map<String, Object> settings(Field f) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field s : f.selections()) {
      if (s.name().equals("__typename")) {
        out.put(s.responseKey(), "settings");
        continue;
      }
      SimDataset ds = SimDataset.ALL.get(s.name());
      Map<String, Object> m = new LinkedHashMap<>();
      for (Field x : s.selections()) {
        m.put(x.responseKey(), switch (x.name()) {
          case "enabled" -> true;
          case "availableFields" -> ds.availableFields();
          case "maxPageSize" -> ds.maxPageSize();
          case "maxNumberOfFields" -> ds.maxNumberOfFields();
          case "notOlderThan" -> ds.notOlderThan();
          case "maxDuration" -> ds.maxDuration();
          default -> null;
        });
      }
      out.put(s.responseKey(), m);
    }
    return out;
  }

  /** The time range and row test of a node's filter. */
  private record Filter(long from, long to, Predicate<RowView> test) {}

  /** A row as the filter sees it: a dimension's value by name (time dimensions as epoch seconds). */
  private record RowView(SimRow row) {
    Object get(String dimension) {
      if (SimDataset.isTime(dimension)) {
        return SimDataset.bucket(dimension, row.minuteStart());
      }
      return row.dims().get(dimension);
    }
  }

  private List<Map<String, Object>> node(SimDataset ds, String account, Field f, Map<String, Object> vars) {
    String fault = analytics.nodeFault(account, ds.name());
    if (fault != null) {
      throw new NodeError(fault);
    }
    int fields = countLeaves(f.selections());
    if (fields > ds.maxNumberOfFields()) {
      throw new NodeError("number of fields cannot be more than " + ds.maxNumberOfFields());
    }
    Object limitArg = f.arguments().containsKey("limit") ? resolve(f.arguments().get("limit"), vars) : null;
    if (!(limitArg instanceof Long limit) || limit < 0) {
      throw new NodeError("error parsing args: limit must be a non-negative integer, got " + limitArg);
    }
    if (limit > ds.maxPageSize()) {
      throw new NodeError("limit must not be more than " + ds.maxPageSize());
    }
    long now = (long) Math.floor(analytics.clock().nowSeconds());
    Filter filter = filter(ds, f.arguments().containsKey("filter") ? resolve(f.arguments().get("filter"), vars) : null,
        now);
    if (filter.from() < now - ds.notOlderThan()) {
      throw new NodeError("cannot request data older than " + ds.notOlderThan() + "s");
    }
    if (filter.to() - filter.from() > ds.maxDuration()) {
      throw new NodeError("time range must not be wider than " + ds.maxDuration() + "s");
    }
    List<Field> dimFields = new ArrayList<>();
    for (Field x : f.selections()) {
      if (x.name().equals("dimensions")) {
        for (Field d : x.selections()) {
          if (!d.name().equals("__typename")) {
            dimFields.add(d);
          }
        }
      }
    }
    List<Comparator<Group>> order = orderBy(ds, f.arguments().containsKey("orderBy")
        ? resolve(f.arguments().get("orderBy"), vars) : null, dimFields);
    Map<List<Object>, Group> groups = new LinkedHashMap<>();
    long first = Math.floorDiv(filter.from(), 60) * 60;
    for (SimRow r : analytics.rows(ds, account, first, Math.min(filter.to(), now + 1))) {
      if (analytics.visibleAt(account, r.minuteStart()) > now) {
        continue;
      }
      RowView view = new RowView(r);
      if (!filter.test().test(view)) {
        continue;
      }
      List<Object> key = new ArrayList<>();
      for (Field d : dimFields) {
        key.add(view.get(d.name()));
      }
      groups.computeIfAbsent(key, k -> new Group(k)).add(r);
    }
    List<Group> sorted = new ArrayList<>(groups.values());
    Comparator<Group> cmp = (a, b) -> 0;
    for (Comparator<Group> c : order) {
      cmp = cmp.thenComparing(c);
    }
    cmp = cmp.thenComparing((a, b) -> compareKeys(a.key, b.key));
    sorted.sort(cmp);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Group g : sorted.subList(0, (int) Math.min(limit, sorted.size()))) {
      out.add(render(ds, g, f.selections(), dimFields));
    }
    return out;
  }

  private static int countLeaves(List<Field> fields) {
    int n = 0;
    for (Field f : fields) {
      n += f.selections().isEmpty() ? 1 : countLeaves(f.selections());
    }
    return n;
  }

  /** One group of rows: its dimension values and running aggregates. */
  private static final class Group {
    final List<Object> key;
    long count;
    final Map<String, Double> sums = new HashMap<>();
    final Map<String, Double> weighted = new HashMap<>();

    Group(List<Object> key) {
      this.key = key;
    }

    void add(SimRow r) {
      count += r.weight();
      r.values().forEach((k, v) -> {
        sums.merge(k, v, Double::sum);
        weighted.merge(k, v * r.weight(), Double::sum);
      });
    }

    Object value(String group, String field) {
      if (group.equals("sum")) {
        double s = sums.getOrDefault(field, 0.0);
        return s == Math.rint(s) && Math.abs(s) < 9e15 ? (Object) (long) s : (Object) s;
      }
      return count == 0 ? null : weighted.getOrDefault(field, 0.0) / count;
    }

    double sortValue(String path) {
      if (path.equals("count")) {
        return count;
      }
      int u = path.indexOf('_');
      Object v = value(path.substring(0, u), path.substring(u + 1));
      return v instanceof Number n ? n.doubleValue() : 0;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c = x == null || y == null ? Boolean.compare(x == null, y == null)
          : x.getClass() == y.getClass() && x instanceof Comparable cx ? cx.compareTo(y)
          : String.valueOf(x).compareTo(String.valueOf(y));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private Map<String, Object> render(SimDataset ds, Group g, List<Field> selections, List<Field> dimFields) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : selections) {
      switch (f.name()) {
        case "__typename" -> out.put(f.responseKey(), ds.typeName());
        case "count" -> out.put(f.responseKey(), g.count);
        case "dimensions" -> {
          Map<String, Object> dims = new LinkedHashMap<>();
          for (Field d : f.selections()) {
            if (d.name().equals("__typename")) {
              dims.put(d.responseKey(), ds.typeName() + "Dimensions");
              continue;
            }
            Object v = g.key.get(dimFields.indexOf(d));
            dims.put(d.responseKey(), SimDataset.isTime(d.name()) ? Instant.ofEpochSecond((Long) v).toString() : v);
          }
          out.put(f.responseKey(), dims);
        }
        default -> {
          Map<String, Object> agg = new LinkedHashMap<>();
          for (Field a : f.selections()) {
            agg.put(a.responseKey(), a.name().equals("__typename") ? ds.typeName() + capitalize(f.name())
                : g.value(f.name(), a.name()));
          }
          out.put(f.responseKey(), agg);
        }
      }
    }
    return out;
  }

  // ---- arguments ----

  private static final List<String> OPERATORS = List.of("_geq", "_gt", "_leq", "_lt", "_neq", "_notin", "_in");

  private Filter filter(SimDataset ds, Object arg, long now) {
    if (arg != null && !(arg instanceof Map<?, ?>)) {
      throw new NodeError("error parsing args: filter must be an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = arg == null ? Map.of() : (Map<String, Object>) arg;
    long[] range = {Long.MIN_VALUE, Long.MAX_VALUE};
    Predicate<RowView> test = compile(ds, m, range, true);
    if (range[0] == Long.MIN_VALUE) {
      throw new NodeError("error parsing args: a datetime_geq or datetime_gt filter is required");
    }
    return new Filter(range[0], range[1] == Long.MAX_VALUE ? now + 1 : range[1], test);
  }

  /** One filter object as a row test; top-level time bounds also narrow {@code range}. */
  private Predicate<RowView> compile(SimDataset ds, Map<String, Object> m, long[] range, boolean top) {
    Predicate<RowView> all = r -> true;
    for (Map.Entry<String, Object> e : m.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (key.equals("AND") || key.equals("OR")) {
        if (!(value instanceof List<?> list)) {
          throw new NodeError("error parsing args: " + key + " must be a list of filters");
        }
        List<Predicate<RowView>> parts = new ArrayList<>();
        for (Object o : list) {
          if (!(o instanceof Map<?, ?> sub)) {
            throw new NodeError("error parsing args: " + key + " must be a list of filters");
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> s = (Map<String, Object>) sub;
          parts.add(compile(ds, s, range, top && key.equals("AND")));
        }
        Predicate<RowView> p = key.equals("AND")
            ? r -> parts.stream().allMatch(x -> x.test(r))
            : r -> parts.isEmpty() || parts.stream().anyMatch(x -> x.test(r));
        all = all.and(p);
        continue;
      }
      String op = "";
      String field = key;
      for (String o : OPERATORS) {
        String base = key.substring(0, Math.max(0, key.length() - o.length()));
        if (key.endsWith(o) && (ds.dimensions().contains(base) || base.equals("datetime"))) {
          op = o;
          field = key.substring(0, key.length() - o.length());
          break;
        }
      }
      if (!ds.dimensions().contains(field) && !field.equals("datetime")) {
        throw new NodeError("error parsing args: unknown filter field \"" + key + "\" of " + ds.name());
      }
      boolean time = SimDataset.isTime(field);
      Object operand = time ? times(value) : value;
      if (time && top) {
        narrow(range, op, operand);
      }
      String f = field;
      String o = op;
      all = all.and(r -> matches(r.get(f), o, operand));
    }
    return all;
  }

  private static void narrow(long[] range, String op, Object operand) {
    if (!(operand instanceof Long t)) {
      return;
    }
    switch (op) {
      case "" -> {
        range[0] = Math.max(range[0], t);
        range[1] = Math.min(range[1], t + 1);
      }
      case "_geq" -> range[0] = Math.max(range[0], t);
      case "_gt" -> range[0] = Math.max(range[0], t + 1);
      case "_lt" -> range[1] = Math.min(range[1], t);
      case "_leq" -> range[1] = Math.min(range[1], t + 1);
      default -> { }
    }
  }

  /** A time operand (or a list of them) as epoch seconds. */
  private static Object times(Object value) {
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(times(x)));
      return out;
    }
    if (!(value instanceof String s)) {
      throw new NodeError("error parsing args: cannot parse " + value + " as Time");
    }
    try {
      return Instant.parse(s).getEpochSecond();
    } catch (DateTimeParseException e) {
      throw new NodeError("error parsing args: cannot parse \"" + s + "\" as Time (RFC 3339 expected)");
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean matches(Object actual, String op, Object operand) {
    if (op.equals("_in") || op.equals("_notin")) {
      if (!(operand instanceof List<?> l)) {
        throw new NodeError("error parsing args: " + op + " needs a list");
      }
      boolean in = l.stream().anyMatch(x -> same(actual, x));
      return op.equals("_in") == in;
    }
    if (op.isEmpty()) {
      return same(actual, operand);
    }
    if (op.equals("_neq")) {
      return !same(actual, operand);
    }
    int c;
    if (actual instanceof Long a && operand instanceof Number b) {
      c = Long.compare(a, b.longValue());
    } else {
      c = String.valueOf(actual).compareTo(String.valueOf(operand));
    }
    return switch (op) {
      case "_gt" -> c > 0;
      case "_geq" -> c >= 0;
      case "_lt" -> c < 0;
      default -> c <= 0;
    };
  }

  private static boolean same(Object actual, Object operand) {
    if (actual instanceof Long a && operand instanceof Number b) {
      return a == b.longValue();
    }
    return String.valueOf(actual).equals(String.valueOf(operand));
  }

  private static List<Comparator<Group>> orderBy(SimDataset ds, Object arg, List<Field> dimFields) {
    List<Comparator<Group>> out = new ArrayList<>();
    if (arg == null) {
      return out;
    }
    List<?> items = arg instanceof List<?> l ? l : List.of(arg);
    for (Object o : items) {
      String s = String.valueOf(o);
      boolean desc = s.endsWith("_DESC");
      if (!desc && !s.endsWith("_ASC")) {
        throw new NodeError("error parsing args: unknown orderBy \"" + s + "\"");
      }
      String field = s.substring(0, s.length() - (desc ? 5 : 4));
      Comparator<Group> c;
      if (ds.dimensions().contains(field)) {
        int at = -1;
        for (int i = 0; i < dimFields.size() && at < 0; i++) {
          at = dimFields.get(i).name().equals(field) ? i : -1;
        }
        int index = at;
        // a dimension that is not selected does not split the groups: nothing to order by
        c = index < 0 ? (a, b) -> 0 : (a, b) -> compareKeys(List.of(a.key.get(index)), List.of(b.key.get(index)));
      } else if (field.equals("count") && ds.hasCount() || isAggregate(ds, field)) {
        c = Comparator.comparingDouble(g -> g.sortValue(field));
      } else {
        throw new NodeError("error parsing args: unknown orderBy \"" + s + "\"");
      }
      out.add(desc ? c.reversed() : c);
    }
    return out;
  }

  private static boolean isAggregate(SimDataset ds, String path) {
    int u = path.indexOf('_');
    return u > 0 && ds.aggregates().getOrDefault(path.substring(0, u), List.of()).contains(path.substring(u + 1));
  }
}
