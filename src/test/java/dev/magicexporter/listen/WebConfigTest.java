package dev.magicexporter.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** The exporter-toolkit web config format: what is accepted, and a clear error for everything else. */
class WebConfigTest {
  /** jBCrypt's published test vector ("abc", cost 6). */
  static final String ABC_HASH = "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i";

  @Test
  void bcryptVerificationMatchesThePublishedVectorsAndHtpasswdsPrefix() {
    assertThat(BCrypt.checkpw("abc", ABC_HASH)).isTrue();
    assertThat(BCrypt.checkpw("abd", ABC_HASH)).isFalse();
    // htpasswd -nB writes $2y$; the same hash under $2y$ verifies the same.
    assertThat(BCrypt.checkpw("abc", ABC_HASH.replace("$2a$", "$2y$"))).isTrue();
  }

  @Test
  void aFullFileWithRelativePathsLoads(@TempDir Path tmp) throws Exception {
    TestCertificates certs = TestCertificates.create(tmp);
    Path file = write(tmp, """
        tls_server_config:
          cert_file: test-only-server.crt
          key_file: test-only-server.key
          client_ca_file: test-only-ca.crt
          client_auth_type: VerifyClientCertIfGiven
          min_version: TLS13
        basic_auth_users:
          prometheus: '%s'
        """.formatted(ABC_HASH));
    WebConfig c = WebConfig.load(file);
    assertThat(c.tls().certFile()).isEqualTo(certs.serverCert());
    assertThat(c.tls().clientAuth()).isEqualTo(WebConfig.ClientAuthType.VerifyClientCertIfGiven);
    assertThat(c.tls().protocols()).containsExactly("TLSv1.3");
    assertThat(c.users()).containsEntry("prometheus", ABC_HASH);
  }

  @Test
  void aClientCaWithoutAPolicyRequiresVerifiedClientCertificatesAsTheToolkitDoes(@TempDir Path tmp) throws Exception {
    TestCertificates.create(tmp);
    Path file = write(tmp, "tls_server_config: {cert_file: test-only-server.crt, key_file: test-only-server.key, "
        + "client_ca_file: test-only-ca.crt}\n");
    assertThat(WebConfig.load(file).tls().clientAuth()).isEqualTo(WebConfig.ClientAuthType.RequireAndVerifyClientCert);
  }

  @Test
  void badFilesAreRefusedWithAMessageThatNamesTheProblem(@TempDir Path tmp) throws Exception {
    TestCertificates.create(tmp);
    String tls = "tls_server_config: {cert_file: test-only-server.crt, key_file: test-only-server.key";
    assertInvalid(tmp, "basic_auth_users: {u: not-a-hash}\n", "basic_auth_users.u is not a bcrypt hash");
    assertInvalid(tmp, "basic_auth_user: {}\n", "unknown key basic_auth_user");
    assertInvalid(tmp, tls + ", cipher_suites: [TLS_AES_128_GCM_SHA256]}\n", "does not support");
    assertInvalid(tmp, "http_server_config: {http2: false}\n", "does not support");
    assertInvalid(tmp, "tls_server_config: {cert_file: test-only-server.crt}\n", "needs both cert_file and key_file");
    assertInvalid(tmp, tls + ", client_auth_type: Sometimes}\n", "client_auth_type 'Sometimes'");
    assertInvalid(tmp, tls + ", client_auth_type: NoClientCert, client_ca_file: test-only-ca.crt}\n",
        "client_ca_file is set but client_auth_type is NoClientCert");
    assertInvalid(tmp, tls + ", client_auth_type: RequireAndVerifyClientCert}\n", "needs client_ca_file");
    assertInvalid(tmp, tls + ", min_version: TLS14}\n", "min_version 'TLS14'");
    assertInvalid(tmp, tls + ", min_version: TLS13, max_version: TLS12}\n", "above max_version");
    assertInvalid(tmp, "tls_server_config: {cert_file: missing.crt, key_file: test-only-server.key}\n",
        "cannot read cert_file");
    assertInvalid(tmp, "tls_server_config: {cert_file: test-only-server.crt, key_file: test-only-server.crt}\n",
        "holds no PEM private key");
    assertInvalid(tmp, "tls_server_config: {cert_file: test-only-server.key, key_file: test-only-server.key}\n",
        "cert_file");
    assertInvalid(tmp, "basic_auth_users: {u: x}\nbasic_auth_users: {v: y}\n", "not valid YAML");
    assertInvalid(tmp, "- a list\n", "must be a mapping");
  }

  @Test
  void theHashOfAUserIsNeverPrintedInAnError(@TempDir Path tmp) throws Exception {
    String secretish = "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0";
    Path file = write(tmp, "basic_auth_users: {u: '" + secretish + "'}\n");
    assertThatThrownBy(() -> WebConfig.load(file)).hasMessageNotContaining(secretish);
  }

  @Test
  void anEmptyFileMeansNoTlsAndNoAuth(@TempDir Path tmp) throws Exception {
    WebConfig c = WebConfig.load(write(tmp, ""));
    assertThat(c.tls()).isNull();
    assertThat(c.basicAuth()).isFalse();
  }

  private static void assertInvalid(Path dir, String yaml, String message) throws Exception {
    Path file = write(dir, yaml);
    assertThatThrownBy(() -> WebConfig.load(file)).as(yaml).isInstanceOf(WebConfig.Invalid.class)
        .hasMessageContaining(message);
  }

  private static Path write(Path dir, String yaml) throws Exception {
    Path f = dir.resolve("web-config.yml");
    Files.writeString(f, yaml);
    return f;
  }
}
