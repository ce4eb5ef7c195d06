package dev.magicexporter.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Cloudflare path template such as {@code /accounts/{account_id}/magic/routes/{route_id}} or
 * {@code .../events/{event_t}.{event_n}}, matched segment by segment against a decoded path.
 */
public final class PathTemplate {
  private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

  private final String template;
  private final List<Segment> segments = new ArrayList<>();
  private final int literals;

  private record Segment(String literal, Pattern pattern, List<String> names) {}

  public PathTemplate(String template) {
    this.template = template;
    int lit = 0;
    for (String s : template.substring(1).split("/", -1)) {
      List<String> names = new ArrayList<>();
      Matcher m = PARAM.matcher(s);
      while (m.find()) {
        names.add(m.group(1));
      }
      if (names.isEmpty()) {
        segments.add(new Segment(s, null, List.of()));
        lit++;
        continue;
      }
      // Several values in one segment ({event_t}.{event_n}) are separated by the literal between them.
      String value = names.size() > 1 ? "([^.]+)" : "(.+)";
      segments.add(new Segment(null, Pattern.compile(buildRegex(s, value)), List.copyOf(names)));
    }
    this.literals = lit;
  }

  private static String buildRegex(String segment, String value) {
    Matcher m = PARAM.matcher(segment);
    StringBuilder re = new StringBuilder();
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        re.append(Pattern.quote(segment.substring(last, m.start())));
      }
      re.append(value);
      last = m.end();
    }
    if (last < segment.length()) {
      re.append(Pattern.quote(segment.substring(last)));
    }
    return re.toString();
  }

  public String template() {
    return template;
  }

  /** Literal segments: the more, the more specific ({@code /pcaps/ownership} beats {@code /pcaps/{pcap_id}}). */
  public int literals() {
    return literals;
  }

  /** The path values when {@code path} (decoded segments) fits this template, else null. */
  public Map<String, String> match(List<String> path) {
    if (path.size() != segments.size()) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      Segment seg = segments.get(i);
      String got = path.get(i);
      if (seg.literal() != null) {
        if (!seg.literal().equals(got)) {
          return null;
        }
        continue;
      }
      Matcher m = seg.pattern().matcher(got);
      if (!m.matches()) {
        return null;
      }
      for (int g = 0; g < seg.names().size(); g++) {
        values.put(seg.names().get(g), m.group(g + 1));
      }
    }
    return values;
  }

  /** Every parameter name, in order. */
  public List<String> names() {
    List<String> n = new ArrayList<>();
    segments.forEach(s -> n.addAll(s.names()));
    return n;
  }
}
