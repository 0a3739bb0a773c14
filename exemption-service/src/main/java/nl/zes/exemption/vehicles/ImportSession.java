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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.zes.common.problem.Problem;
import nl.zes.common.problem.ProblemException;
import nl.zes.exemption.register.BodyRow;
import nl.zes.exemption.register.Dataset;
import nl.zes.exemption.register.FuelRow;
import nl.zes.exemption.register.MissingColumnException;
import nl.zes.exemption.register.ParsedLine;
import nl.zes.exemption.register.RdwCsvReader;
import nl.zes.exemption.register.Rejection;
import nl.zes.exemption.register.VehicleRow;

/**
 * One streamed import: pieces of the CSV arrive in order on the event loop and go through a {@link BytePipe} to
 * {@link RdwCsvReader} on a worker thread, which hands every {@value #BATCH} rows to be written in one transaction
 * (on the event loop, where the index lives). The reader parses ahead while batches are written: up to
 * {@value #IN_FLIGHT} batches are written at once (on different connections of the pool) as long as no plate is in
 * two of them, else a batch waits for the one it shares a plate with, so rows of one plate are written in the
 * order of the export. The last batch is written durably once every other batch has committed (see
 * {@link RegisterRepository#write}). Once a write has failed no further batch is started (the one in flight beside
 * it may still commit: each batch is atomic, and re-running the import is harmless). A piece is answered at once
 * while the pipe holds no other unread piece, else once the reader has read the one before it, so the sender never
 * gets more than two pieces ahead: memory stays bounded (four batches and three pieces) however large the export.
 */
final class ImportSession {

  static final int BATCH = 10_000;
  static final int IN_FLIGHT = 2;
  private static final long WRITE_TIMEOUT_MINUTES = 5;

  private final Context context;
  private final Dataset dataset;
  private final BytePipe pipe;
  private final BatchWriter writer;
  private Future<JsonObject> done;
  private Promise<JsonObject> pendingReply;
  /** The pending reply is the last piece's: only the result answers it. */
  private boolean pendingLast;
  private long nextSeq;

  ImportSession(Context context, Dataset dataset, long idleTimeoutMs,
      BatchWriter writer) {
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
    Deque<Write> writing = new ArrayDeque<>(IN_FLIGHT);
    try (RdwCsvReader reader = RdwCsvReader.open(dataset, new InputStreamReader(pipe, StandardCharsets.UTF_8))) {
      List<ParsedLine> rows = nextRows(reader, result);
      while (!rows.isEmpty()) {
        List<ParsedLine> following = nextRows(reader, result);
        Set<String> plates = platesOf(rows);
        while (writing.size() >= IN_FLIGHT) {
          await(writing.removeFirst().written);
        }
        if (writing.stream().anyMatch(write -> !Collections.disjoint(write.plates, plates))) {
          while (!writing.isEmpty()) {
            await(writing.removeFirst().written);
          }
        }
        writing.addLast(new Write(plates, writeOnContext(rows)));
        result.imported(rows.size());
        rows = following;
      }
      while (!writing.isEmpty()) {
        await(writing.removeFirst().written);
      }
    } catch (MissingColumnException e) {
      JsonArray errors = new JsonArray();
      e.missing().forEach(column -> errors.add(Problem.fieldError(column, "required column is missing")));
      throw Problem.invalidFields("the " + dataset.parameter() + " export: " + e.getMessage()
          + "; nothing was imported", errors).exception();
    } catch (IOException | UncheckedIOException e) {
      throw Problem.badRequest("the upload ended before the import did: " + e.getMessage()).exception();
    } finally {
      // an import that ends early still lets the writes in flight finish before it answers
      writing.forEach(write -> write.written.handle((v, e) -> null)
          .completeOnTimeout(null, WRITE_TIMEOUT_MINUTES, TimeUnit.MINUTES).join());
    }
    return result.toJson().put("done", true);
  }

  /** The next rows to write, parsed while earlier batches are written; rejected lines go to the result. */
  private static List<ParsedLine> nextRows(RdwCsvReader reader, ImportResult result) {
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
        return rows;
      }
    }
    return List.of();
  }

  private static Set<String> platesOf(List<ParsedLine> rows) {
    Set<String> plates = new HashSet<>(rows.size() * 2);
    for (ParsedLine row : rows) {
      if (row instanceof VehicleRow vehicle) {
        plates.add(vehicle.plate());
      } else if (row instanceof FuelRow fuel) {
        plates.add(fuel.plate());
      } else if (row instanceof BodyRow body) {
        plates.add(body.plate());
      }
    }
    return plates;
  }

  /** Starts writing a batch on the event loop; completes after its commit and the index update. */
  private CompletableFuture<Void> writeOnContext(List<ParsedLine> rows) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    context.runOnContext(v -> writer.write(dataset, rows).onComplete(ar -> {
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

  /** Writes one batch of rows (no rejections) and updates the index after the commit. */
  interface BatchWriter {
    Future<?> write(Dataset dataset, List<ParsedLine> rows);
  }

  private record Write(Set<String> plates, CompletableFuture<Void> written) {
  }

  private static JsonObject notDone() {
    return new JsonObject().put("done", false);
  }
}
