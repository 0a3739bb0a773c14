package nl.zes.exemption.vehicles;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import nl.zes.common.problem.Problem;
import nl.zes.common.problem.ProblemException;
import nl.zes.exemption.register.Dataset;
import nl.zes.exemption.register.MissingColumnException;
import nl.zes.exemption.register.ParsedLine;
import nl.zes.exemption.register.RdwCsvReader;
import nl.zes.exemption.register.Rejection;

/**
 * One streamed import: pieces of the CSV arrive in order on the event loop and go through a {@link BytePipe} to
 * {@link RdwCsvReader} on a worker thread, which hands every {@value #BATCH} rows to be written in one transaction
 * (on the event loop, where the index lives). The reader parses the next batch while the previous one is written,
 * and waits for that write before it hands over the next, so batches are written one at a time and in order, and
 * a batch is never written after one before it failed. A piece is answered at once while the pipe holds no other
 * unread piece, else once the reader has read the one before it, so the sender never gets more than two pieces
 * ahead: memory stays bounded (two batches and three pieces) however large the export.
 */
final class ImportSession {

  static final int BATCH = 5_000;
  private static final long WRITE_TIMEOUT_MINUTES = 5;

  private final Context context;
  private final Dataset dataset;
  private final BytePipe pipe;
  private final BiFunction<Dataset, List<ParsedLine>, Future<?>> writer;
  private Future<JsonObject> done;
  private Promise<JsonObject> pendingReply;
  /** The pending reply is the last piece's: only the result answers it. */
  private boolean pendingLast;
  private long nextSeq;

  ImportSession(Context context, Dataset dataset, long idleTimeoutMs,
      BiFunction<Dataset, List<ParsedLine>, Future<?>> writer) {
    this.context = context;
    this.dataset = dataset;
    this.writer = writer;
    this.pipe = new BytePipe(idleTimeoutMs, () -> context.runOnContext(v -> pieceRead()));
  }

  /** Starts reading on the worker; the future completes with the result when the import ends. */
  Future<JsonObject> start(WorkerExecutor worker) {
    done = worker.executeBlocking(this::run, false);
    done.onComplete(ar -> {
      if (ar.succeeded()) {
        reply(ar.result());
      } else if (pendingReply != null) {
        pendingReply.tryFail(ar.cause());
      }
    });
    return done;
  }

  /**
   * The next piece; answered {@code {done:false}} at once or once the piece before it is read, or with the result ({@code done:true}) after the
   * last piece, or as soon as the import ends early (a CSV syntax error ends it: nothing after can be read).
   */
  Future<JsonObject> offer(long seq, byte[] data, boolean last) {
    if (done.isComplete()) {
      return done.failed() ? Future.failedFuture(done.cause()) : done;
    }
    if (seq != nextSeq) {
      return Future.failedFuture(Problem.invalidField("seq", "expected piece " + nextSeq + ", got " + seq)
          .exception());
    }
    if (!pipe.offer(data, last)) {
      return Future.failedFuture(Problem.conflict("import-busy",
          "send the next piece only after the previous one was answered").exception());
    }
    nextSeq++;
    if (!last && pipe.waiting() <= 1) {
      // the reader has a piece in hand or is waiting for this one: the sender may send the next one already, so
      // the reader does not wait a round trip for it; at most two pieces wait in the pipe
      return Future.succeededFuture(notDone());
    }
    pendingReply = Promise.promise();
    pendingLast = last;
    return pendingReply.future();
  }

  void abort() {
    pipe.abort();
  }

  private void pieceRead() {
    if (!pendingLast) {
      reply(notDone());
    }
  }

  private void reply(JsonObject answer) {
    if (pendingReply != null) {
      pendingReply.tryComplete(answer);
    }
  }

  private JsonObject run() {
    ImportResult result = new ImportResult();
    CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);
    try (RdwCsvReader reader = RdwCsvReader.open(dataset, new InputStreamReader(pipe, StandardCharsets.UTF_8))) {
      for (List<ParsedLine> lines = reader.nextChunk(BATCH); !lines.isEmpty(); lines = reader.nextChunk(BATCH)) {
        List<ParsedLine> rows = new ArrayList<>(lines.size());
        for (ParsedLine line : lines) {
          if (line instanceof Rejection rejection) {
            result.reject(rejection);
          } else {
            rows.add(line);
          }
        }
        if (!rows.isEmpty()) {
          await(writing);
          writing = writeOnContext(rows);
          result.imported(rows.size());
        }
      }
      await(writing);
    } catch (MissingColumnException e) {
      JsonArray errors = new JsonArray();
      e.missing().forEach(column -> errors.add(Problem.fieldError(column, "required column is missing")));
      throw Problem.invalidFields("the " + dataset.parameter() + " export: " + e.getMessage()
          + "; nothing was imported", errors).exception();
    } catch (IOException | UncheckedIOException e) {
      throw Problem.badRequest("the upload ended before the import did: " + e.getMessage()).exception();
    } finally {
      // an import that ends early still lets the write in flight finish before it answers
      writing.handle((v, e) -> null).completeOnTimeout(null, WRITE_TIMEOUT_MINUTES, TimeUnit.MINUTES).join();
    }
    return result.toJson().put("done", true);
  }

  /** Starts writing a batch on the event loop; completes after its commit and the index update. */
  private CompletableFuture<Void> writeOnContext(List<ParsedLine> rows) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    context.runOnContext(v -> writer.apply(dataset, rows).onComplete(ar -> {
      if (ar.succeeded()) {
        written.complete(null);
      } else {
        written.completeExceptionally(ar.cause());
      }
    }));
    return written;
  }

  private static void await(CompletableFuture<Void> written) {
    try {
      written.get(WRITE_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw Problem.unavailable("writing the register took too long").exception();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProblemException(Problem.unavailable("the import was interrupted"));
    }
  }

  private static JsonObject notDone() {
    return new JsonObject().put("done", false);
  }
}
