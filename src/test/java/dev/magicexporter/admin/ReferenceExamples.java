package dev.magicexporter.admin;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The request examples of the API reference (the copy of api/*.md on the test classpath, the
 * seeds' text): each endpoint's curl example with its body, if any. Used to prove that the admin
 * API refuses none of them, and that the simulator's own write checks take them too.
 */
public final class ReferenceExamples {
  private static final Pattern HEADING = Pattern.compile("\\*\\*(get|post|put|patch|delete)\\*\\* `([^`]+)`");
  private static final Pattern CURL = Pattern.compile("```http\\s*\\n(curl .*?)\\n```", Pattern.DOTALL);
  private static final Pattern BODY = Pattern.compile(" -d '(.*?)'", Pattern.DOTALL);
  private static final Pattern RESPONSE = Pattern.compile("#### Response\\s*\\n```json\\s*\\n(.*?)\\n```", Pattern.DOTALL);

  /**
   * One example: the route key ("METHOD template", as in the route table), the file it is from,
   * its body as sent ({@code -d '...'}), or null when the example sends none, and the example
   * response (JSON), or null.
   */
  public record Example(String key, String file, String body, String response) {
    public String method() {
      return key.substring(0, key.indexOf(' '));
    }

    public String template() {
      return key.substring(key.indexOf(' ') + 1);
    }
  }

  private ReferenceExamples() {}

  public static List<Example> all() throws IOException {
    Path dir;
    try {
      dir = Path.of(ReferenceExamples.class.getResource("/api/ENDPOINTS.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    List<Example> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("(magic-transit|connectivity).*\\.md"))
          .sorted().toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        for (String section : text.split("\n## ")) {
          Matcher h = HEADING.matcher(section.lines().findFirst().orElse(""));
          Matcher c = CURL.matcher(section);
          if (!h.find() || !c.find()) {
            continue;
          }
          Matcher b = BODY.matcher(c.group(1));
          Matcher r = RESPONSE.matcher(section);
          out.add(new Example(h.group(1).toUpperCase(Locale.ROOT) + " " + h.group(2), f.getFileName().toString(),
              b.find() ? b.group(1) : null, r.find() ? r.group(1) : null));
        }
      }
    }
    return out;
  }
}
