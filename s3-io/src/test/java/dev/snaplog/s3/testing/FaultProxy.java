package dev.snaplog.s3.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * An HTTP/1.1 proxy between the SDK and a real S3 server that injects network and server faults at random,
 * reproducibly by seed: the n-th request through a proxy always gets the same fault for the same seed. It
 * forwards requests byte for byte (the Host header included, so signatures stay valid) and never changes what
 * the server does with a request it forwards: atomicity stays the server's.
 *
 * <p>Faults: {@link Fault}. A request whose path matches the exemption (e.g. the conformance probe's scratch
 * objects) is always forwarded untouched.
 */
public final class FaultProxy implements AutoCloseable {
  /** What happens to one request. */
  public enum Fault {
    /** Forwarded as is. */
    NONE,
    /** Forwarded after a pause of up to 400 ms. */
    DELAY,
    /** The connection is reset before the request is forwarded: not applied. */
    RESET_BEFORE,
    /** Forwarded and applied by the server, then the connection is reset instead of answering. */
    DROP_RESPONSE,
    /** Answered 500 without forwarding: not applied, but the client cannot know. */
    ERROR_500_BEFORE,
    /** Forwarded and applied, then answered 500 instead of the server's answer. */
    ERROR_500_AFTER,
    /** Answered 503 SlowDown without forwarding, as S3 throttles: not applied. */
    SLOW_DOWN_503,
    /** Forwarded and applied; the answer's headers are sent, then half the body, then the connection closes. */
    TRUNCATE
  }

  private static final Fault[] FAULTS = {Fault.DELAY, Fault.RESET_BEFORE, Fault.DROP_RESPONSE, Fault.ERROR_500_BEFORE,
      Fault.ERROR_500_AFTER, Fault.SLOW_DOWN_503, Fault.TRUNCATE};

  private final String targetHost;
  private final int targetPort;
  private final ServerSocket server;
  private final Random random;
  private final double faultRate;
  private final Predicate<String> exempt;
  private final Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
  private final List<Socket> open = new ArrayList<>();
  private volatile boolean closed;

  /**
   * @param target the server, e.g. {@code http://127.0.0.1:7480}
   * @param seed the seed of the fault sequence
   * @param faultRate the share of requests that get a fault other than {@link Fault#NONE}
   * @param exempt paths (e.g. {@code /bucket/key}) that are never faulted
   */
  public FaultProxy(String target, long seed, double faultRate, Predicate<String> exempt) {
    URI uri = URI.create(target);
    this.targetHost = uri.getHost();
    this.targetPort = uri.getPort();
    this.random = new Random(seed);
    this.faultRate = faultRate;
    this.exempt = exempt;
    try {
      this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /**
   * Restarts the fault sequence from {@code seed} and clears the counts, so one proxy can serve several
   * reproducible runs.
   */
  public synchronized void reseed(long seed) {
    random.setSeed(seed);
    counts.clear();
  }

  /** How many requests got each fault so far. */
  public synchronized Map<Fault, Integer> counts() {
    return Map.copyOf(counts);
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    synchronized (open) {
      open.forEach(FaultProxy::closeQuietly);
    }
  }

  private synchronized Fault next(String path) {
    Fault f = Fault.NONE;
    double roll = random.nextDouble();
    Fault pick = FAULTS[random.nextInt(FAULTS.length)];
    if (!exempt.test(path) && roll < faultRate) {
      f = pick;
    }
    counts.merge(f, 1, Integer::sum);
    return f;
  }

  private synchronized long delayMillis() {
    return 20 + random.nextInt(380);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        synchronized (open) {
          open.add(client);
        }
        Thread t = new Thread(() -> serve(client), "fault-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          System.err.println("[fault-proxy] accept failed: " + e);
        }
      }
    }
  }

  /** Serves one client connection (keep-alive: many requests) over one upstream connection. */
  private void serve(Socket client) {
    Socket upstream = null;
    InputStream upIn = null;
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      while (true) {
        Message request = Message.readRequest(in, out);
        if (request == null) {
          return;
        }
        Fault fault = next(request.path());
        switch (fault) {
          case RESET_BEFORE -> {
            reset(client);
            return;
          }
          case ERROR_500_BEFORE -> {
            out.write(error(500, "InternalError", "injected before forwarding"));
            out.flush();
            continue;
          }
          case SLOW_DOWN_503 -> {
            out.write(error(503, "SlowDown", "injected: please reduce your request rate"));
            out.flush();
            continue;
          }
          case DELAY -> Thread.sleep(delayMillis());
          default -> { }
        }
        if (upstream == null || upstream.isClosed()) {
          upstream = new Socket(targetHost, targetPort);
          upIn = new BufferedInputStream(upstream.getInputStream());
        }
        upstream.getOutputStream().write(request.bytes());
        upstream.getOutputStream().flush();
        Message response = Message.readResponse(upIn, request.method().equals("HEAD"));
        if (response.closesConnection()) {
          upstream.close();
        }
        switch (fault) {
          case DROP_RESPONSE -> {
            reset(client);
            return;
          }
          case ERROR_500_AFTER -> out.write(error(500, "InternalError", "injected after the server answered"));
          case TRUNCATE -> {
            if (response.bodyLength() < 2) {
              reset(client);
              return;
            }
            out.write(response.bytes(), 0, response.headerLength() + response.bodyLength() / 2);
            out.flush();
            return; // closed mid-body
          }
          default -> out.write(response.bytes());
        }
        out.flush();
      }
    } catch (IOException e) {
      // the client or the server closed the connection; the client sees what it sees
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(upstream);
      synchronized (open) {
        open.remove(client);
      }
    }
  }

  private static void reset(Socket s) throws IOException {
    s.setSoLinger(true, 0); // RST instead of FIN
    s.close();
  }

  private static byte[] error(int status, String code, String message) {
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
        + "</Message></Error>";
    String reason = status == 503 ? "Slow Down" : "Internal Server Error";
    return ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/xml\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }

  /** One HTTP message as raw bytes: the head (start line and headers) and the body. */
  private record Message(String method, String path, byte[] bytes, int headerLength, int bodyLength,
      boolean closesConnection) {

    /**
     * Reads a request; answers {@code Expect: 100-continue} itself and drops that header, so the server gets
     * the whole request at once. Null at the end of the connection.
     */
    static Message readRequest(InputStream in, OutputStream out) throws IOException {
      List<String> head = readHead(in);
      if (head == null) {
        return null;
      }
      String[] start = head.get(0).split(" ");
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      buf.writeBytes((head.get(0) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      long length = 0;
      boolean expect = false;
      for (String h : head.subList(1, head.size())) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("expect:")) {
          expect = true;
          continue;
        }
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(h.substring(h.indexOf(':') + 1).trim());
        }
        if (lower.startsWith("transfer-encoding:")) {
          throw new IOException("chunked request bodies are not supported by the fault proxy");
        }
        buf.writeBytes((h + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
      buf.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      int headerLength = buf.size();
      if (expect && length > 0) {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
      buf.writeBytes(in.readNBytes((int) length));
      if (buf.size() - headerLength != length) {
        throw new EOFException("request body cut short");
      }
      String path = start.length > 1 ? start[1] : "/";
      int q = path.indexOf('?');
      return new Message(start[0], q < 0 ? path : path.substring(0, q), buf.toByteArray(), headerLength,
          (int) length, false);
    }

    static Message readResponse(InputStream in, boolean headRequest) throws IOException {
      List<String> head;
      do {
        head = readHead(in);
        if (head == null) {
          throw new EOFException("the server closed the connection");
        }
      } while (head.get(0).contains(" 100 ")); // interim answers are not relayed
      int status = Integer.parseInt(head.get(0).split(" ")[1]);
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      long length = -1;
      boolean chunked = false;
      boolean close = false;
      for (String h : head) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(h.substring(h.indexOf(':') + 1).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          close = true;
        }
        buf.writeBytes((h + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
      buf.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      int headerLength = buf.size();
      if (headRequest || status == 204 || status == 304) {
        return new Message(null, null, buf.toByteArray(), headerLength, 0, close);
      }
      if (chunked) {
        while (true) {
          String sizeLine = readLine(in);
          buf.writeBytes((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
          if (size == 0) {
            String trailer;
            while (!(trailer = readLine(in)).isEmpty()) {
              buf.writeBytes((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            buf.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            break;
          }
          buf.writeBytes(in.readNBytes(size + 2));
        }
      } else if (length >= 0) {
        buf.writeBytes(in.readNBytes((int) length));
      } else {
        buf.writeBytes(in.readAllBytes());
        close = true;
      }
      return new Message(null, null, buf.toByteArray(), headerLength, buf.size() - headerLength, close);
    }

    private static List<String> readHead(InputStream in) throws IOException {
      List<String> lines = new ArrayList<>();
      String line = readLineOrNull(in);
      if (line == null) {
        return null;
      }
      while (!line.isEmpty()) {
        lines.add(line);
        line = readLine(in);
      }
      return lines.isEmpty() ? null : lines;
    }

    private static String readLine(InputStream in) throws IOException {
      String line = readLineOrNull(in);
      if (line == null) {
        throw new EOFException("connection closed mid-message");
      }
      return line;
    }

    private static String readLineOrNull(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          byte[] bytes = line.toByteArray();
          int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }
        line.write(b);
      }
      return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
