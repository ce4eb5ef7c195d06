package dev.magicexporter.listen;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The web configuration file of Prometheus' exporter-toolkit ({@code --web.config.file}), as
 * node_exporter and friends read it: {@code tls_server_config} ({@code cert_file}, {@code key_file},
 * {@code client_ca_file}, {@code client_auth_type}, {@code min_version}, {@code max_version}) and
 * {@code basic_auth_users} (user name to bcrypt hash). Relative paths are relative to the file's
 * directory, as in the toolkit. Unknown keys are errors, as the toolkit's strict parsing makes
 * them; the toolkit keys this exporter does not implement ({@code cipher_suites},
 * {@code curve_preferences}, {@code client_allowed_sans}, {@code http_server_config},
 * {@code rate_limit}, ...) are errors that say so, never silently ignored security settings.
 */
public record WebConfig(Tls tls, Map<String, String> users, String fingerprint) {
  /** Go's {@code tls.ClientAuthType} names, as the toolkit accepts them. */
  public enum ClientAuthType {
    NoClientCert(false, false),
    RequestClientCert(false, false),
    RequireAnyClientCert(true, false),
    VerifyClientCertIfGiven(false, true),
    RequireAndVerifyClientCert(true, true);

    public final boolean required;
    public final boolean verified;

    ClientAuthType(boolean required, boolean verified) {
      this.required = required;
      this.verified = verified;
    }
  }

  /** {@code tls_server_config}; paths resolved. */
  public record Tls(Path certFile, Path keyFile, Path clientCaFile, ClientAuthType clientAuth, String minVersion,
      String maxVersion) {
    /** Java's protocol names from min_version to max_version. */
    public Set<String> protocols() {
      List<String> all = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
      int from = all.indexOf(javaName(minVersion));
      int to = all.indexOf(javaName(maxVersion));
      return Set.copyOf(all.subList(from, to + 1));
    }
  }

  /** A file the daemon cannot use; the message names the file and what is wrong. */
  public static final class Invalid extends Exception {
    public Invalid(String message) {
      super(message);
    }
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$[0-3][0-9]\\$[./A-Za-z0-9]{53}");
  private static final Set<String> TOP = Set.of("tls_server_config", "basic_auth_users");
  private static final Set<String> TLS_KEYS = Set.of("cert_file", "key_file", "client_ca_file", "client_auth_type",
      "min_version", "max_version");
  private static final Set<String> UNSUPPORTED = Set.of("cipher_suites", "curve_preferences",
      "prefer_server_cipher_suites", "client_allowed_sans", "cert", "key", "client_ca", "http_server_config",
      "rate_limit");

  public WebConfig {
    users = Map.copyOf(users);
  }

  public boolean basicAuth() {
    return !users.isEmpty();
  }

  /** Reads and checks the file and the files it names (certificates parse, keys are PEM). */
  public static WebConfig load(Path file) throws Invalid {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new Invalid("cannot read the web config file " + file + ": " + e.getMessage());
    }
    JsonNode root;
    try {
      root = YAML.readTree(bytes);
    } catch (IOException e) {
      throw new Invalid("the web config file " + file + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return new WebConfig(null, Map.of(), digest(List.of(bytes)));
    }
    if (!root.isObject()) {
      throw new Invalid(file + ": the web config must be a mapping");
    }
    checkKeys(file, root, TOP, "");
    Path dir = file.toAbsolutePath().getParent();
    List<byte[]> material = new ArrayList<>();
    material.add(bytes);
    Tls tls = root.has("tls_server_config") ? tls(file, dir, root.get("tls_server_config"), material) : null;
    Map<String, String> users = new LinkedHashMap<>();
    JsonNode u = root.get("basic_auth_users");
    if (u != null && !u.isNull()) {
      if (!u.isObject()) {
        throw new Invalid(file + ": basic_auth_users must map user names to bcrypt hashes");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = u.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String hash = e.getValue().isTextual() ? e.getValue().asText() : "";
        if (!BCRYPT.matcher(hash).matches()) {
          // The hash is a secret of sorts: name the user, never print the value.
          throw new Invalid(file + ": basic_auth_users." + e.getKey() + " is not a bcrypt hash ($2a$, $2b$ or $2y$, "
              + "as htpasswd -nB makes)");
        }
        if (e.getKey().contains(":")) {
          throw new Invalid(file + ": basic_auth_users: a user name cannot contain ':'");
        }
        users.put(e.getKey(), hash);
      }
    }
    return new WebConfig(tls, users, digest(material));
  }

  private static Tls tls(Path file, Path dir, JsonNode t, List<byte[]> material) throws Invalid {
    if (t == null || t.isNull()) {
      return null;
    }
    if (!t.isObject()) {
      throw new Invalid(file + ": tls_server_config must be a mapping");
    }
    checkKeys(file, t, TLS_KEYS, "tls_server_config.");
    Path cert = path(file, dir, t, "cert_file");
    Path key = path(file, dir, t, "key_file");
    if (cert == null || key == null) {
      throw new Invalid(file + ": tls_server_config needs both cert_file and key_file");
    }
    Path ca = path(file, dir, t, "client_ca_file");
    String authName = text(t, "client_auth_type");
    ClientAuthType auth;
    if (authName == null || authName.isEmpty()) {
      // As the toolkit: a client CA without a policy means verified client certificates are required.
      auth = ca != null ? ClientAuthType.RequireAndVerifyClientCert : ClientAuthType.NoClientCert;
    } else {
      try {
        auth = ClientAuthType.valueOf(authName.equals("RequireClientCert") ? "RequireAnyClientCert" : authName);
      } catch (IllegalArgumentException e) {
        throw new Invalid(file + ": tls_server_config.client_auth_type '" + authName + "' is not one of "
            + List.of(ClientAuthType.values()));
      }
    }
    if (ca != null && auth == ClientAuthType.NoClientCert) {
      throw new Invalid(file + ": tls_server_config.client_ca_file is set but client_auth_type is NoClientCert");
    }
    if (auth.verified && ca == null) {
      throw new Invalid(file + ": tls_server_config.client_auth_type " + auth + " needs client_ca_file");
    }
    String min = version(file, t, "min_version", "TLS12");
    String max = version(file, t, "max_version", "TLS13");
    if (min.compareTo(max) > 0) {
      throw new Invalid(file + ": tls_server_config.min_version " + min + " is above max_version " + max);
    }
    material.add(certificates(cert, "cert_file"));
    material.add(privateKey(key));
    if (ca != null) {
      material.add(certificates(ca, "client_ca_file"));
    }
    return new Tls(cert, key, ca, auth, min, max);
  }

  private static void checkKeys(Path file, JsonNode node, Set<String> known, String prefix) throws Invalid {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (UNSUPPORTED.contains(k)) {
        throw new Invalid(file + ": " + prefix + k + " is an exporter-toolkit setting magic-exporter does not "
            + "support; remove it");
      }
      if (!known.contains(k)) {
        throw new Invalid(file + ": unknown key " + prefix + k + " (known: " + known.stream().sorted().toList() + ")");
      }
    }
  }

  private static Path path(Path file, Path dir, JsonNode t, String key) throws Invalid {
    String v = text(t, key);
    if (v == null || v.isEmpty()) {
      return null;
    }
    Path p = Path.of(v);
    return p.isAbsolute() || dir == null ? p : dir.resolve(p);
  }

  private static String text(JsonNode t, String key) {
    JsonNode n = t.get(key);
    return n == null || n.isNull() ? null : n.asText().trim();
  }

  private static String version(Path file, JsonNode t, String key, String dflt) throws Invalid {
    String v = text(t, key);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    if (javaName(v) == null) {
      throw new Invalid(file + ": tls_server_config." + key + " '" + v + "' is not one of TLS10, TLS11, TLS12, TLS13");
    }
    return v;
  }

  static String javaName(String toolkit) {
    return switch (toolkit) {
      case "TLS10" -> "TLSv1";
      case "TLS11" -> "TLSv1.1";
      case "TLS12" -> "TLSv1.2";
      case "TLS13" -> "TLSv1.3";
      default -> null;
    };
  }

  private static byte[] certificates(Path p, String key) throws Invalid {
    byte[] bytes = read(p, key);
    try {
      if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)).isEmpty()) {
        throw new Invalid(key + " " + p + " holds no certificate");
      }
    } catch (CertificateException e) {
      throw new Invalid(key + " " + p + " is not a PEM certificate: " + firstLine(e.getMessage()));
    }
    return bytes;
  }

  private static byte[] privateKey(Path p) throws Invalid {
    byte[] bytes = read(p, "key_file");
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (!text.matches("(?s).*-----BEGIN (RSA |EC )?PRIVATE KEY-----.*-----END (RSA |EC )?PRIVATE KEY-----.*")) {
      // Never echo the file: it is a private key, or meant to be.
      throw new Invalid("key_file " + p + " holds no PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC)");
    }
    return bytes;
  }

  private static byte[] read(Path p, String key) throws Invalid {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new Invalid("cannot read " + key + " " + p + ": " + e.getMessage());
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** What a reload compares: a digest of the file and of every file it names. */
  private static String digest(List<byte[]> parts) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (byte[] b : parts) {
        d.update(b);
        d.update((byte) 0);
      }
      return java.util.HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
