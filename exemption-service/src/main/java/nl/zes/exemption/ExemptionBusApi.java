package nl.zes.exemption;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import nl.zes.common.bus.Addresses;
import nl.zes.common.bus.BusHeaders;
import nl.zes.common.bus.HandOverJsonCodec;
import nl.zes.common.problem.Problem;
import nl.zes.common.problem.Problems;
import nl.zes.exemption.access.AccessService;
import nl.zes.exemption.api.Fields;
import nl.zes.exemption.domain.Vehicle;
import nl.zes.exemption.exemptions.DayExemptions;
import nl.zes.exemption.exemptions.ExemptionLifecycle;
import nl.zes.exemption.exemptions.ExemptionRecord;
import nl.zes.exemption.index.AccessIndex;
import nl.zes.exemption.municipality.Municipalities;
import nl.zes.exemption.municipality.Municipality;
import nl.zes.exemption.vehicles.VehicleImports;
import nl.zes.exemption.vehicles.VehicleView;

/**
 * The exemption-service's event-bus API: one consumer per address of {@link Addresses} {@code exemptions.*}.
 * Replies are JSON; a reply header {@value #STATUS_HEADER} tells the gateway a status other than 200. Every
 * failure is answered as a problem.
 */
final class ExemptionBusApi {

  /** The gateway's {@code ServiceCall.STATUS_HEADER}. */
  static final String STATUS_HEADER = "zes-status";

  private record Reply(JsonObject body, int status, boolean handOver) {

    Reply(JsonObject body, int status) {
      this(body, status, false);
    }

    static Reply ok(JsonObject body) {
      return new Reply(body, 200);
    }

    static Reply created(JsonObject body) {
      return new Reply(body, 201);
    }

    /** 200 with a body built for this reply alone, so it may go without a copy ({@link HandOverJsonCodec}). */
    static Reply handedOver(JsonObject body) {
      return new Reply(body, 200, true);
    }
  }

  private final Vertx vertx;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();

  ExemptionBusApi(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Void> register(Municipalities municipalities, AccessIndex index, AccessService access,
      VehicleImports imports, ExemptionLifecycle exemptions, DayExemptions dayExemptions) {
    on(Addresses.EXEMPTIONS_MUNICIPALITIES, m -> Future.succeededFuture(Reply.handedOver(municipalities.listJson())));
    on(Addresses.EXEMPTIONS_MUNICIPALITIES_PUT, m -> {
      JsonObject request = Fields.object(m.body());
      JsonObject body = Fields.optionalObject(request, "body");
      if (body == null) {
        throw Problem.badRequest("the body must be a JSON object").exception();
      }
      Municipality municipality = Municipality.fromJson(Fields.text(request, "code"), body);
      return municipalities.put(municipality)
          .map(created -> new Reply(municipality.toJson(), created ? 201 : 200));
    });
    on(Addresses.EXEMPTIONS_VEHICLES_IMPORT_CHUNK, m -> imports.chunk(Fields.object(m.body())).map(Reply::ok));
    on(Addresses.EXEMPTIONS_VEHICLES_GET, m -> {
      String plate = Fields.plate(Fields.object(m.body()), "plate");
      Vehicle vehicle = index.vehicle(plate);
      if (vehicle == null) {
        throw Problem.notFound("no vehicle with this plate in the register").exception();
      }
      return Future.succeededFuture(Reply.ok(VehicleView.of(vehicle)));
    });
    on(Addresses.EXEMPTIONS_ACCESS_CHECK, m -> Future.succeededFuture(
        Reply.ok(access.check(Fields.object(m.body()), BusHeaders.caller(m)))));
    on(Addresses.EXEMPTIONS_ACCESS_BATCH,
        m -> Future.succeededFuture(Reply.handedOver(access.batch(Fields.object(m.body())))));
    on(Addresses.EXEMPTIONS_STATUS, m -> Future.succeededFuture(
        Reply.ok(access.status(Fields.object(m.body()), BusHeaders.caller(m)))));
    on(Addresses.EXEMPTIONS_CREATE, m -> exemptions.create(Fields.object(m.body())).map(e -> Reply.created(e.toJson())));
    on(Addresses.EXEMPTIONS_DECIDE, m -> exemptions.decide(Fields.object(m.body())).map(ExemptionBusApi::view));
    on(Addresses.EXEMPTIONS_REVOKE, m -> exemptions.revoke(Fields.object(m.body())).map(ExemptionBusApi::view));
    on(Addresses.EXEMPTIONS_GET, m -> exemptions.get(Fields.object(m.body())).map(ExemptionBusApi::view));
    on(Addresses.EXEMPTIONS_LIST, m -> exemptions.list(Fields.object(m.body())).map(Reply::ok));
    on(Addresses.EXEMPTIONS_DAY_CREATE, m -> dayExemptions.create(Fields.object(m.body())).map(Reply::created));
    on(Addresses.EXEMPTIONS_DAY_LIST, m -> dayExemptions.list(Fields.object(m.body())).map(Reply::ok));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  Future<Void> unregister() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  private static Reply view(ExemptionRecord exemption) {
    return Reply.ok(exemption.toJson());
  }

  private void on(String address, Function<Message<Object>, Future<Reply>> handler) {
    consumers.add(vertx.eventBus().consumer(address, message -> {
      Future<Reply> reply;
      try {
        reply = handler.apply(message);
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onComplete(ar -> {
        if (ar.succeeded()) {
          DeliveryOptions options = new DeliveryOptions();
          if (ar.result().status() != 200) {
            options.addHeader(STATUS_HEADER, String.valueOf(ar.result().status()));
          }
          if (ar.result().handOver()) {
            HandOverJsonCodec.handOver(options);
          }
          message.reply(ar.result().body(), options);
        } else {
          Problems.fail(message, ar.cause());
        }
      });
    }));
  }
}
