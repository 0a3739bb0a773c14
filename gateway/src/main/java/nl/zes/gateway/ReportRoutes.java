package nl.zes.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.zes.common.bus.Addresses;

/**
 * The public API's report endpoints (API.md, "Reports"), answered by the reporting-service; the query parameters
 * go to it as they are (it validates them). {@code Accept: text/csv} gets the same report as CSV. The dashboard
 * that shows them is mounted at the root.
 */
final class ReportRoutes implements ApiRoutes {

  static final String CSV = "text/csv";
  private static final List<String> PARAMETERS = List.of("from", "to", "municipality", "scope");

  @Override
  public void mount(Router api, ServiceCall services) {
    route(api, services, "/reports/compliance", Addresses.REPORTING_COMPLIANCE, ReportCsv.COMPLIANCE);
    route(api, services, "/reports/enforcement", Addresses.REPORTING_ENFORCEMENT, ReportCsv.ENFORCEMENT);
    route(api, services, "/reports/exemptions", Addresses.REPORTING_EXEMPTIONS, ReportCsv.EXEMPTIONS);
    route(api, services, "/reports/day-exemptions", Addresses.REPORTING_DAY_EXEMPTIONS, ReportCsv.DAY_EXEMPTIONS);
    route(api, services, "/reports/monitoring", Addresses.REPORTING_MONITORING, ReportCsv.MONITORING);
  }

  @Override
  public void mountRoot(Router root) {
    DashboardRoutes.mount(root);
  }

  private static void route(Router api, ServiceCall services, String path, String address, ReportCsv.Table table) {
    api.get(path).handler(ctx -> {
      Boolean csv = wantsCsv(ctx);
      if (csv == null) {
        ctx.fail(406);
        return;
      }
      JsonObject params = new JsonObject();
      for (String name : PARAMETERS) {
        String value = ctx.request().getParam(name);
        if (value != null) {
          params.put(name, value);
        }
      }
      if (!csv) {
        services.forward(ctx, address, params);
        return;
      }
      services.request(address, params, Callers.of(ctx)).onComplete(ar -> {
        if (ar.failed()) {
          ProblemResponses.send(ctx, ar.cause());
        } else if (!(ar.result().body() instanceof JsonObject report)) {
          ProblemResponses.send(ctx, ProblemResponses.forStatus(502));
        } else {
          ctx.response().putHeader("Content-Type", CSV + "; charset=utf-8")
              .end(ReportCsv.render(report, table));
        }
      });
    });
  }

  /** True for CSV, false for JSON (also when no Accept is given), null when neither is acceptable. */
  private static Boolean wantsCsv(RoutingContext ctx) {
    List<MIMEHeader> accepted = new ArrayList<>(ctx.parsedHeaders().accept());
    accepted.sort(Comparator.comparingDouble(MIMEHeader::weight).reversed());
    if (accepted.isEmpty()) {
      return false;
    }
    for (MIMEHeader mime : accepted) {
      String type = mime.component();
      String sub = mime.subComponent();
      if ("text".equals(type) && "csv".equals(sub)) {
        return true;
      }
      if (("application".equals(type) && ("json".equals(sub) || "*".equals(sub))) || "*".equals(type)) {
        return false;
      }
    }
    return null;
  }
}
