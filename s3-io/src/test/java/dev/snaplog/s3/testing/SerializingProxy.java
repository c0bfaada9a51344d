package dev.snaplog.s3.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A forwarding HTTP proxy that makes a test server's conditional writes atomic by holding a per-key lock
 * around every request that carries {@code If-Match} or {@code If-None-Match}. S3Mock checks those headers
 * before taking its own lock (check-then-act), so concurrent conditional PUTs can both win there; behind this
 * proxy the test server behaves like AWS S3 and MinIO, and the commit protocol can be tested under
 * concurrency. Only for servers that do not verify signatures (the Host header changes).
 */
final class SerializingProxy {
  private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
      "transfer-encoding", "keep-alive", "date", "proxy-connection", "te", "trailer");

  private final String target;
  private final HttpServer server;
  private final HttpClient client;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "serializing-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  static {
    // The JDK server leaves Nagle's algorithm on: a response written as headers then body waits for the
    // client's delayed ACK, about 40 ms per request, which would be measured as S3 latency. Read once, when
    // the server's configuration class loads, hence before the first server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  SerializingProxy(String target) throws IOException {
    this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      var h = ex.getRequestHeaders();
      boolean conditional = h.containsKey("If-Match") || h.containsKey("If-None-Match");
      boolean write = !ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD");
      ReentrantLock lock = conditional && write
          ? locks.computeIfAbsent(ex.getRequestURI().getRawPath(), k -> new ReentrantLock()) : null;
      if (lock != null) {
        lock.lock();
      }
      try {
        forward(ex);
      } finally {
        if (lock != null) {
          lock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void forward(HttpExchange ex) throws IOException, InterruptedException {
    String method = ex.getRequestMethod();
    String lengthHeader = ex.getRequestHeaders().getFirst("Content-Length");
    long length = lengthHeader == null ? -1 : Long.parseLong(lengthHeader.trim());
    InputStream in = ex.getRequestBody();
    HttpRequest.BodyPublisher body = length == 0 || (length < 0 && !ex.getRequestHeaders().containsKey("Transfer-Encoding"))
        ? HttpRequest.BodyPublishers.noBody()
        : length > 0 ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> in), length)
        : HttpRequest.BodyPublishers.ofInputStream(() -> in);
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI().toString()))
        .method(method, body);
    for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
      if (!HOP_HEADERS.contains(e.getKey().toLowerCase())) {
        e.getValue().forEach(v -> req.header(e.getKey(), v));
      }
    }
    HttpResponse<InputStream> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    resp.headers().map().forEach((k, v) -> {
      if (!HOP_HEADERS.contains(k.toLowerCase()) || (k.equalsIgnoreCase("content-length") && method.equals("HEAD"))) {
        ex.getResponseHeaders().put(k, v);
      }
    });
    long respLength = resp.headers().firstValueAsLong("Content-Length").orElse(-2);
    int status = resp.statusCode();
    try (InputStream respBody = resp.body()) {
      if (method.equals("HEAD") || status == 204 || status == 304 || respLength == 0) {
        ex.sendResponseHeaders(status, -1);
        respBody.transferTo(OutputStream.nullOutputStream());
      } else {
        ex.sendResponseHeaders(status, respLength > 0 ? respLength : 0);
        try (OutputStream out = ex.getResponseBody()) {
          respBody.transferTo(out);
        }
      }
    }
  }
}
