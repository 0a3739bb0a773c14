package nl.zes.simulator.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;

/**
 * The baseline for HTTP benchmarks: a Vert.x HTTP server on 127.0.0.1 that answers every request with the same
 * JSON body of about the size of an access answer, doing nothing else.
 * {@code java -cp … BareHttpServer --port 18090 [--bytes 300]}; stops on SIGTERM.
 */
public final class BareHttpServer {

  private final Vertx vertx;
  private final HttpServer server;

  private BareHttpServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  public static BareHttpServer start(int port, int bytes) throws Exception {
    Vertx vertx = Vertx.vertx();
    StringBuilder json = new StringBuilder("{\"allowed\":true,\"padding\":\"");
    while (json.length() < bytes - 2) {
      json.append('x');
    }
    Buffer body = Buffer.buffer(json.append("\"}").toString());
    HttpServer server = vertx.createHttpServer().requestHandler(request -> request.response()
        .putHeader("content-type", "application/json").end(body)).listen(port, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);
    return new BareHttpServer(vertx, server);
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return vertx.close();
  }

  public static void main(String[] arguments) throws Exception {
    Args args = new Args(arguments);
    BareHttpServer server = start(args.integer("port", 18090), args.integer("bytes", 300));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close().await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // exiting anyway
      }
    }));
    System.out.println("bare Vert.x HTTP server on http://127.0.0.1:" + server.port());
  }
}
