package nl.zes.simulator.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-loop HTTP/1.1 GET load at a constant rate that costs the machine little, so that on a small machine it
 * measures the server rather than itself (the Vert.x client did not: per request it crossed threads, built a request
 * object and parsed a full response). One pacer thread writes the pre-encoded request of each scheduled moment
 * (all that are due when it woke late) on a connection with nothing in flight, or pipelines it on the least busy
 * one; one reader thread parses the answers (status line, {@code Content-Length}) with a selector. Each latency runs
 * from the request's scheduled start, so a stall of the server or of this generator counts against every request it
 * delays (no coordinated omission); how late the pacer wrote is reported beside it ({@code send lag}).
 */
final class OpenLoopLoad {

  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  private final Connection[] connections;
  private final byte[] request;
  private final long measureFrom;
  private final Histogram latency = Latency.histogram();
  private final Histogram sendLag = Latency.histogram();
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private final AtomicInteger answered = new AtomicInteger();
  private long measured;
  private long failed;
  private volatile long lastAnswer;

  /** One keep-alive connection: the scheduled start of each request in flight, oldest first. */
  private static final class Connection {
    final SocketChannel channel;
    final ConcurrentLinkedQueue<Long> inFlight = new ConcurrentLinkedQueue<>();
    final AtomicInteger pending = new AtomicInteger();
    final ByteBuffer in = ByteBuffer.allocate(1 << 20);

    Connection(SocketChannel channel) {
      this.channel = channel;
    }
  }

  private OpenLoopLoad(Connection[] connections, byte[] request, long measureFrom) {
    this.connections = connections;
    this.request = request;
    this.measureFrom = measureFrom;
  }

  static HttpLoad.Result run(String url, String key, int connectionCount, double rate, double warmupSeconds,
      double seconds) throws Exception {
    URI uri = URI.create(url);
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String head = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
        + (key == null ? "" : "Authorization: Bearer " + key + "\r\n") + "\r\n";
    Connection[] connections = new Connection[connectionCount];
    Selector selector = Selector.open();
    for (int i = 0; i < connectionCount; i++) {
      SocketChannel channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
      channel.socket().setTcpNoDelay(true);
      channel.configureBlocking(false);
      connections[i] = new Connection(channel);
      channel.register(selector, SelectionKey.OP_READ, connections[i]);
    }
    long period = Math.round(1e9 / rate);
    long total = (long) ((warmupSeconds + seconds) * rate);
    long start = System.nanoTime() + 100_000_000L;
    OpenLoopLoad load = new OpenLoopLoad(connections, head.getBytes(StandardCharsets.US_ASCII),
        start + (long) (warmupSeconds * 1e9));
    Thread reader = new Thread(() -> load.read(selector, total), "open-loop-reader");
    reader.setDaemon(true);
    reader.start();
    load.pace(start, period, total);
    long end = start + total * period;
    reader.join(30_000);
    selector.close();
    for (Connection connection : connections) {
      connection.channel.close();
    }
    synchronized (load) {
      long unanswered = total - load.answered.get();
      if (unanswered > 0) {
        load.statuses.merge(0, unanswered, Long::sum);
      }
      return new HttpLoad.Result(load.measured + unanswered, load.failed + unanswered,
          (Math.max(end, load.lastAnswer) - load.measureFrom) / 1e9, load.latency.copy(), new TreeMap<>(load.statuses),
          load.sendLag.copy());
    }
  }

  /** Writes request i at start + i·period (all that are due, when it wakes late), each on the least busy connection. */
  private void pace(long start, long period, long total) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(request);
    long next = 0;
    while (next < total) {
      long now = System.nanoTime();
      long due = Math.min(total, (now - start) / period + 1);
      if (due <= next) {
        LockSupport.parkNanos(start + next * period - now);
        continue;
      }
      for (; next < due; next++) {
        long scheduled = start + next * period;
        Connection connection = leastBusy();
        connection.inFlight.add(scheduled);
        connection.pending.incrementAndGet();
        if (scheduled >= measureFrom) {
          sendLag.recordValue(Math.max(0, now - scheduled));
        }
        out.clear();
        while (out.hasRemaining()) {
          if (connection.channel.write(out) == 0) {
            Thread.onSpinWait();
          }
        }
      }
    }
  }

  private Connection leastBusy() {
    Connection best = connections[0];
    for (Connection connection : connections) {
      int pending = connection.pending.get();
      if (pending == 0) {
        return connection;
      }
      if (pending < best.pending.get()) {
        best = connection;
      }
    }
    return best;
  }

  private void read(Selector selector, long total) {
    try {
      while (answered.get() < total && selector.isOpen()) {
        selector.select(1_000);
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
          SelectionKey key = ready.next();
          ready.remove();
          Connection connection = (Connection) key.attachment();
          if (connection.channel.read(connection.in) < 0) {
            key.cancel();
            continue;
          }
          parse(connection, System.nanoTime());
        }
      }
    } catch (IOException | RuntimeException e) {
      if (selector.isOpen()) {
        System.err.println("reader stopped: " + e);
      }
    }
  }

  /** Takes every complete response out of the connection's buffer. */
  private void parse(Connection connection, long now) {
    ByteBuffer in = connection.in;
    in.flip();
    while (true) {
      int headerEnd = indexOf(in, HEADER_END);
      if (headerEnd < 0) {
        break;
      }
      String header = new String(in.array(), in.position(), headerEnd - in.position(), StandardCharsets.ISO_8859_1);
      int length = contentLength(header);
      int responseEnd = headerEnd + HEADER_END.length + length;
      if (responseEnd > in.limit()) {
        break;
      }
      in.position(responseEnd);
      answer(connection, Integer.parseInt(header.substring(9, 12)), now);
    }
    in.compact();
  }

  private void answer(Connection connection, int status, long now) {
    Long scheduled = connection.inFlight.poll();
    connection.pending.decrementAndGet();
    answered.incrementAndGet();
    lastAnswer = now;
    if (scheduled == null || scheduled < measureFrom) {
      return;
    }
    synchronized (this) {
      measured++;
      statuses.merge(status, 1L, Long::sum);
      if (status / 100 != 2) {
        failed++;
      }
      latency.recordValue(Math.min(now - scheduled, latency.getHighestTrackableValue()));
    }
  }

  private static int contentLength(String header) {
    for (String line : header.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      if (name.equalsIgnoreCase("content-length")) {
        return Integer.parseInt(line.substring(colon + 1).trim());
      }
      if (name.equalsIgnoreCase("transfer-encoding")) {
        throw new IllegalStateException("chunked answers are not supported by this load generator");
      }
    }
    return 0;
  }

  private static int indexOf(ByteBuffer buffer, byte[] pattern) {
    byte[] array = buffer.array();
    for (int i = buffer.position(); i <= buffer.limit() - pattern.length; i++) {
      boolean match = true;
      for (int j = 0; j < pattern.length && match; j++) {
        match = array[i + j] == pattern[j];
      }
      if (match) {
        return i;
      }
    }
    return -1;
  }
}
