package nl.zes.exemption.vehicles;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of a streamed upload as an {@link InputStream} for a blocking parser: the event loop
 * {@linkplain #offer offers} one piece at a time, the parser's thread reads it, and {@code consumed} runs (on the
 * reading thread) when a piece has been read to its end and the parser asks for more. Holds at most the pieces
 * offered and not yet read, so memory stays bounded by what the sender keeps in flight.
 */
final class BytePipe extends InputStream {

  private static final byte[] ABORT = new byte[0];

  private final BlockingQueue<Piece> pieces = new ArrayBlockingQueue<>(4);
  private final long idleTimeoutMs;
  private final Runnable consumed;
  private byte[] current;
  private int position;
  private boolean last;

  BytePipe(long idleTimeoutMs, Runnable consumed) {
    this.idleTimeoutMs = idleTimeoutMs;
    this.consumed = consumed;
  }

  /** False when the pipe is full: the sender did not wait for the previous piece to be consumed. */
  boolean offer(byte[] bytes, boolean isLast) {
    return pieces.offer(new Piece(bytes, isLast));
  }

  /** Pieces offered and not yet taken by the reader. */
  int waiting() {
    return pieces.size();
  }

  /** Makes the reader fail at its next read: the upload was given up. */
  void abort() {
    pieces.clear();
    pieces.offer(new Piece(ABORT, true));
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (current == null || position == current.length) {
      if (current != null) {
        if (last) {
          return -1;
        }
        current = null;
        consumed.run();
      }
      Piece piece = next();
      current = piece.bytes;
      position = 0;
      last = piece.last;
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, buffer, offset, n);
    position += n;
    return n;
  }

  private Piece next() throws IOException {
    Piece piece;
    try {
      piece = pieces.poll(idleTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("import interrupted");
    }
    if (piece == null) {
      throw new IOException("no data arrived for " + idleTimeoutMs / 1000 + " s: the upload was given up");
    }
    if (piece.bytes == ABORT) {
      throw new IOException("the upload was given up by the client");
    }
    return piece;
  }

  private record Piece(byte[] bytes, boolean last) {
  }
}
