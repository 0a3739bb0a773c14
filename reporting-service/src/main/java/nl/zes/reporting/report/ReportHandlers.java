package nl.zes.reporting.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import nl.zes.common.bus.Addresses;
import nl.zes.common.bus.BusHeaders;
import nl.zes.common.problem.Problems;

/** Answers the report addresses: {@code {from, to, municipality?, scope?}} → the report, or a problem. */
public final class ReportHandlers {

  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

  public ReportHandlers(Vertx vertx, Reports reports) {
    register(vertx, Addresses.REPORTING_COMPLIANCE, reports::compliance);
    register(vertx, Addresses.REPORTING_ENFORCEMENT, reports::enforcement);
    register(vertx, Addresses.REPORTING_EXEMPTIONS, reports::exemptions);
    register(vertx, Addresses.REPORTING_DAY_EXEMPTIONS, reports::dayExemptions);
    register(vertx, Addresses.REPORTING_MONITORING, reports::monitoring);
  }

  private void register(Vertx vertx, String address, Function<ReportRequest, Future<JsonObject>> report) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(address, message -> answer(message, report)));
  }

  private static void answer(Message<JsonObject> message, Function<ReportRequest, Future<JsonObject>> report) {
    Future<JsonObject> answer;
    try {
      Object body = message.body();
      answer = report.apply(ReportRequest.of(body instanceof JsonObject json ? json : null,
          BusHeaders.caller(message)));
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onSuccess(message::reply).onFailure(e -> Problems.fail(message, e));
  }

  public Future<Void> close() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
