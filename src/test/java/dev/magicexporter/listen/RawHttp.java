package dev.magicexporter.listen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP as a hostile peer speaks it: raw bytes on a socket, anything a real client would refuse to
 * send (a bad request target, both framings, a body that never ends), and idle connections.
 */
public final class RawHttp {
  /** How long a test waits for an answer that must come; it only matters when the test fails. */
  public static final int ANSWER_WITHIN_MS = 60_000;

  private RawHttp() {}

  /** What came back: the text, and whether the server closed the connection afterwards. */
  public record Answer(String text, boolean closed) {
    public int status() {
      if (!text.startsWith("HTTP/1.")) {
        return -1;
      }
      return Integer.parseInt(text.substring(9, 12));
    }

    public String body() {
      int i = text.indexOf("\r\n\r\n");
      return i < 0 ? "" : text.substring(i + 4);
    }
  }

  public static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), ANSWER_WITHIN_MS);
    s.setSoTimeout(ANSWER_WITHIN_MS);
    return s;
  }

  /** Sends {@code request} and reads until the server closes or {@code ANSWER_WITHIN_MS} passes quietly. */
  public static Answer exchange(int port, String request) throws IOException {
    try (Socket s = connect(port)) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return readAll(s);
    }
  }

  /** Reads what the server sends until it closes the connection (closed=true) or goes quiet. */
  public static Answer readAll(Socket s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[8192];
    boolean closed = false;
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
      closed = true;
    } catch (SocketTimeoutException e) {
      closed = false;
    } catch (IOException e) {
      closed = true; // reset by the server
    }
    return new Answer(out.toString(StandardCharsets.ISO_8859_1), closed);
  }

  /** Reads one response head (up to the blank line) without waiting for the connection to close. */
  public static String readHead(Socket s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    int b;
    while ((b = in.read()) >= 0) {
      out.write(b);
      byte[] sofar = out.toByteArray();
      int n = sofar.length;
      if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
        break;
      }
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Opens {@code n} connections that send nothing. */
  public static List<Socket> idle(int port, int n) throws IOException {
    List<Socket> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(connect(port));
    }
    return out;
  }

  public static void closeAll(List<Socket> sockets) {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }

  /**
   * The status of a GET, retried on a refused or dropped connection until an answer comes or
   * {@code ANSWER_WITHIN_MS} passes (as a kubelet probe or Prometheus retries): a listener at its
   * cap closes new connections at accept for the moment it takes to evict idle ones.
   */
  public static int eventually(int port, String path, String... headers) throws InterruptedException {
    long deadline = System.nanoTime() + ANSWER_WITHIN_MS * 1_000_000L;
    while (true) {
      try {
        Answer a = get(port, path, headers);
        if (a.status() > 0) {
          return a.status();
        }
      } catch (IOException e) {
        // refused at accept: try again
      }
      if (System.nanoTime() > deadline) {
        return -1;
      }
      Thread.sleep(20);
    }
  }

  /** A GET with {@code Connection: close}, answered whole. */
  public static Answer get(int port, String path, String... headers) throws IOException {
    StringBuilder r = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
    for (String h : headers) {
      r.append(h).append("\r\n");
    }
    return exchange(port, r.append("Connection: close\r\n\r\n").toString());
  }
}
