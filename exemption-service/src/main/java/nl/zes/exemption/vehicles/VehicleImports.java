package nl.zes.exemption.vehicles;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.zes.common.problem.Problem;
import nl.zes.exemption.api.Fields;
import nl.zes.exemption.index.AccessIndex;
import nl.zes.exemption.register.Dataset;

/**
 * The streamed register imports in progress ({@code exemptions.vehicles.import.chunk}). Each batch is committed
 * and then put into the index, so the index has every committed vehicle. A failed import leaves the batches
 * committed before it; importing the export again is harmless (upserts).
 */
public final class VehicleImports {

  static final int MAX_CONCURRENT = 2;
  private static final long IDLE_TIMEOUT_MS = 60_000;
  private static final int MAX_IMPORT_HOURS = 24;

  private final Context context;
  private final RegisterRepository repository;
  private final AccessIndex index;
  private final WorkerExecutor worker;
  private final Map<String, ImportSession> sessions = new HashMap<>();

  public VehicleImports(Vertx vertx, RegisterRepository repository, AccessIndex index) {
    this.context = vertx.getOrCreateContext();
    this.repository = repository;
    this.index = index;
    this.worker = vertx.createSharedWorkerExecutor("zes-register-import", MAX_CONCURRENT, MAX_IMPORT_HOURS,
        TimeUnit.HOURS);
  }

  /** {@code {importId, dataset, seq, data, last}} or {@code {importId, abort:true}}. */
  public Future<JsonObject> chunk(JsonObject piece) {
    String importId = Fields.text(piece, "importId");
    ImportSession session = sessions.get(importId);
    if (piece.getBoolean("abort", false)) {
      if (session != null) {
        session.abort();
      }
      return Future.succeededFuture(new JsonObject().put("done", true));
    }
    long seq = Fields.integer(piece, "seq", 0, 0, Integer.MAX_VALUE);
    if (session == null) {
      if (seq != 0) {
        return Future.failedFuture(Problem.invalidField("importId", "no import " + importId + " is in progress")
            .exception());
      }
      Dataset dataset = dataset(piece);
      if (sessions.size() >= MAX_CONCURRENT) {
        return Future.failedFuture(Problem.of(429, "too-many-imports", "Too many imports",
            "at most " + MAX_CONCURRENT + " imports run at once; retry later").exception());
      }
      session = new ImportSession(context, dataset, IDLE_TIMEOUT_MS,
          (d, rows) -> repository.write(d, rows, index));
      sessions.put(importId, session);
      session.start(worker).onComplete(ar -> sessions.remove(importId));
    }
    Buffer data = piece.getBuffer("data");
    return session.offer(seq, data == null ? new byte[0] : data.getBytes(), piece.getBoolean("last", false));
  }

  public Future<Void> close() {
    sessions.values().forEach(ImportSession::abort);
    return worker.close();
  }

  private static Dataset dataset(JsonObject piece) {
    String parameter = Fields.text(piece, "dataset");
    return Dataset.fromParameter(parameter).orElseThrow(() -> Problem.invalidField("dataset",
        "must be one of vehicles, fuels, bodies").exception());
  }
}
