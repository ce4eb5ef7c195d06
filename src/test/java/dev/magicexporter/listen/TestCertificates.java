package dev.magicexporter.listen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway CA, a server certificate for 127.0.0.1 and localhost, and a client certificate,
 * made with openssl in a test's temporary directory: no key is ever committed. The files are
 * named {@code test-only-*} so that nobody mistakes them for real ones.
 */
public record TestCertificates(Path dir, Path caCert, Path serverCert, Path serverKey, Path clientCert,
    Path clientKey) {

  public static TestCertificates create(Path dir) throws IOException, InterruptedException {
    Path openssl = Path.of("/usr/bin/openssl");
    if (!Files.isExecutable(openssl)) {
      throw new AssertionError("openssl not found at /usr/bin/openssl; install it with `apt-get install -y openssl`");
    }
    Files.writeString(dir.resolve("test-only-server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    run(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "test-only-ca.key", "-out", "test-only-ca.crt",
        "-subj", "/CN=magic-exporter test-only CA", "-days", "2");
    for (String who : List.of("server", "client")) {
      run(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "test-only-" + who + ".key",
          "-out", "test-only-" + who + ".csr", "-subj", "/CN=" + (who.equals("server") ? "localhost" : "test-client"));
      List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", "test-only-" + who + ".csr",
          "-CA", "test-only-ca.crt", "-CAkey", "test-only-ca.key", "-CAcreateserial", "-days", "2",
          "-out", "test-only-" + who + ".crt"));
      if (who.equals("server")) {
        sign.addAll(List.of("-extfile", "test-only-server.ext"));
      }
      run(dir, sign.toArray(String[]::new));
    }
    return new TestCertificates(dir, dir.resolve("test-only-ca.crt"), dir.resolve("test-only-server.crt"),
        dir.resolve("test-only-server.key"), dir.resolve("test-only-client.crt"), dir.resolve("test-only-client.key"));
  }

  private static void run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("openssl " + String.join(" ", args) + " failed: " + out);
    }
  }

  /** A client context that trusts the test CA, with the client certificate when {@code withClientCert}. */
  public SSLContext clientContext(boolean withClientCert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(caCert)) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (withClientCert) {
      // openssl makes a PKCS#12 the JDK can read directly.
      Path p12 = dir.resolve("test-only-client.p12");
      run(dir, "pkcs12", "-export", "-in", clientCert.getFileName().toString(), "-inkey",
          clientKey.getFileName().toString(), "-out", p12.getFileName().toString(), "-passout", "pass:test-only");
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(p12)) {
        ks.load(in, "test-only".toCharArray());
      }
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, "test-only".toCharArray());
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }
}
