package nl.zes.simulator.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
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
  private static final long WINDOW_NANOS = 100_000_000L;

  private final Connection[] connections;
  private final byte[] request;
  private final long start;
  private final long period;
  /*
   * What each request saw, by its number: warm-up and measured requests run the very same code, and the split is
   * made after the run. (A branch on "measuring yet?" in the hot loops made the JIT deoptimize them at the start
   * of the measured part, which once showed up as a second-long stall of the generator.)
   */
  private final long[] latencies;
  private final long[] sendLags;
  private final short[] statuses;
  private final AtomicInteger answered = new AtomicInteger();
  private volatile long lastAnswer;

  /** One keep-alive connection: the number of each request in flight, oldest first. */
  private static final class Connection {
    final SocketChannel channel;
    final ConcurrentLinkedQueue<Integer> inFlight = new ConcurrentLinkedQueue<>();
    final AtomicInteger pending = new AtomicInteger();
    final ByteBuffer in = ByteBuffer.allocate(1 << 20);

    Connection(SocketChannel channel) {
      this.channel = channel;
    }
  }

  private OpenLoopLoad(Connection[] connections, byte[] request, long start, long period, long[] latencies,
      long[] sendLags, short[] statuses) {
    this.connections = connections;
    this.request = request;
    this.start = start;
    this.period = period;
    this.latencies = latencies;
    this.sendLags = sendLags;
    this.statuses = statuses;
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
    int warmup = (int) (warmupSeconds * rate);
    int total = warmup + (int) (seconds * rate);
    long[] latencies = new long[total];
    long[] sendLags = new long[total];
    short[] statuses = new short[total];
    // moves these arrays to the old generation now: copied at each young collection during the run, they paused
    // this generator for tens of milliseconds
    System.gc();
    long start = System.nanoTime() + 100_000_000L;
    long epochMillisAtStart = System.currentTimeMillis() + 100;
    OpenLoopLoad load = new OpenLoopLoad(connections, head.getBytes(StandardCharsets.US_ASCII), start, period,
        latencies, sendLags, statuses);
    Thread reader = new Thread(() -> load.read(selector, total), "open-loop-reader");
    reader.setDaemon(true);
    reader.start();
    load.pace(total);
    reader.join(30_000);
    selector.close();
    for (Connection connection : connections) {
      connection.channel.close();
    }
    long end = start + total * period;
    load.printSlowWindows(warmup, epochMillisAtStart);
    if (System.getenv("BENCH_LOAD_ALL_WINDOWS") != null) {
      load.printSlowWindows(0, epochMillisAtStart);
    }
    return load.result(warmup, (Math.max(end, load.lastAnswer) - (start + warmup * period)) / 1e9);
  }

  /** The measured requests (from number {@code from} on); an unanswered request counts as status 0. */
  private HttpLoad.Result result(int from, double seconds) {
    Histogram latency = Latency.histogram();
    Histogram sendLag = Latency.histogram();
    Map<Integer, Long> counts = new TreeMap<>();
    long failed = 0;
    for (int i = from; i < statuses.length; i++) {
      counts.merge((int) statuses[i], 1L, Long::sum);
      if (statuses[i] / 100 != 2) {
        failed++;
      }
      if (statuses[i] != 0) {
        latency.recordValue(Math.min(latencies[i], latency.getHighestTrackableValue()));
      }
      sendLag.recordValue(Math.min(sendLags[i], sendLag.getHighestTrackableValue()));
    }
    return new HttpLoad.Result(statuses.length - from, failed, seconds, latency, counts, sendLag);
  }

  /** Writes request i at start + i·period (all that are due, when it wakes late), each on the least busy connection. */
  private void pace(int total) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(request);
    int next = 0;
    while (next < total) {
      long now = System.nanoTime();
      int due = (int) Math.min(total, (now - start) / period + 1);
      if (due <= next) {
        LockSupport.parkNanos(start + next * period - now);
        continue;
      }
      for (; next < due; next++) {
        Connection connection = leastBusy();
        connection.inFlight.add(next);
        connection.pending.incrementAndGet();
        sendLags[next] = Math.max(0, now - (start + next * period));
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

  private void read(Selector selector, int total) {
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

  /** Takes every complete response out of the connection's buffer, without allocating (no pauses of its own). */
  private void parse(Connection connection, long now) {
    ByteBuffer in = connection.in;
    in.flip();
    byte[] bytes = in.array();
    while (true) {
      int headerEnd = indexOf(in, HEADER_END);
      if (headerEnd < 0) {
        break;
      }
      int responseEnd = headerEnd + HEADER_END.length + contentLength(bytes, in.position(), headerEnd);
      if (responseEnd > in.limit()) {
        break;
      }
      int at = in.position() + 9; // "HTTP/1.1 200 OK"
      int status = (bytes[at] - '0') * 100 + (bytes[at + 1] - '0') * 10 + (bytes[at + 2] - '0');
      in.position(responseEnd);
      answer(connection, status, now);
    }
    in.compact();
  }

  private void answer(Connection connection, int status, long now) {
    Integer number = connection.inFlight.poll();
    connection.pending.decrementAndGet();
    answered.incrementAndGet();
    lastAnswer = now;
    if (number == null) {
      return;
    }
    // written by this thread only, read after it has been joined
    latencies[number] = now - (start + number * period);
    statuses[number] = (short) status;
  }

  /** The ten 100 ms windows of the measured part whose requests waited longest (over 10 ms), by wall-clock start. */
  private void printSlowWindows(int from, long epochMillisAtStart) {
    int windows = (int) ((statuses.length - from) * period / WINDOW_NANOS) + 1;
    long[] worst = new long[windows];
    for (int i = from; i < statuses.length; i++) {
      int window = (int) ((i - from) * period / WINDOW_NANOS);
      worst[window] = Math.max(worst[window], statuses[i] == 0 ? Long.MAX_VALUE : latencies[i]);
    }
    long measuredFromMillis = epochMillisAtStart + from * period / 1_000_000;
    StringBuilder line = new StringBuilder();
    IntStream.range(0, windows).boxed()
        .filter(w -> worst[w] > 10_000_000L)
        .sorted((a, b) -> Long.compare(worst[b], worst[a]))
        .limit(10)
        .sorted()
        .forEach(w -> line.append(String.format(" %s %s;",
            LocalTime.ofInstant(Instant.ofEpochMilli(measuredFromMillis + w * WINDOW_NANOS / 1_000_000), ZoneOffset.UTC),
            worst[w] == Long.MAX_VALUE ? "unanswered" : String.format("%.1f ms", worst[w] / 1e6))));
    System.out.println("slow 100 ms windows (worst latency over 10 ms, UTC):" + (line.length() == 0 ? " none" : line));
  }

  private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRANSFER_ENCODING = "\r\ntransfer-encoding:".getBytes(StandardCharsets.US_ASCII);

  /** The {@code Content-Length} of the header in bytes[from, to), 0 when absent. */
  private static int contentLength(byte[] bytes, int from, int to) {
    if (headerAt(bytes, from, to, TRANSFER_ENCODING) >= 0) {
      throw new IllegalStateException("chunked answers are not supported by this load generator");
    }
    int at = headerAt(bytes, from, to, CONTENT_LENGTH);
    if (at < 0) {
      return 0;
    }
    while (at < to && bytes[at] == ' ') {
      at++;
    }
    int length = 0;
    while (at < to && bytes[at] >= '0' && bytes[at] <= '9') {
      length = length * 10 + bytes[at++] - '0';
    }
    return length;
  }

  /** Where the value of the header named by {@code name} ("\r\nname:", lower case) starts, or -1. */
  private static int headerAt(byte[] bytes, int from, int to, byte[] name) {
    for (int i = from; i <= to - name.length; i++) {
      int j = 0;
      while (j < name.length && Character.toLowerCase(bytes[i + j]) == name[j]) {
        j++;
      }
      if (j == name.length) {
        return i + name.length;
      }
    }
    return -1;
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
