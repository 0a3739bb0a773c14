package nl.zes.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The reports as CSV (RFC 4180, through Commons CSV): one table per report, a header line first. Reports with
 * several lists (exemptions, day exemptions) become one long table {@code section,key,…}. The monitoring bundle is
 * the four tables one after another, each preceded by a line naming it and followed by an empty line.
 */
final class ReportCsv {

  @FunctionalInterface
  interface Table {
    void write(JsonObject report, CSVPrinter out) throws IOException;
  }

  static final Table COMPLIANCE = ReportCsv::compliance;
  static final Table ENFORCEMENT = ReportCsv::enforcement;
  static final Table EXEMPTIONS = ReportCsv::exemptions;
  static final Table DAY_EXEMPTIONS = ReportCsv::dayExemptions;
  static final Table MONITORING = ReportCsv::monitoring;

  private ReportCsv() {
  }

  static String render(JsonObject report, Table table) {
    StringWriter text = new StringWriter();
    try (CSVPrinter out = new CSVPrinter(text, CSVFormat.RFC4180)) {
      table.write(report, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void compliance(JsonObject report, CSVPrinter out) throws IOException {
    out.printRecord("code", "name", "passages", "allowed", "exempted", "warnings", "fines", "repeats",
        "notEnforceable", "unresolved", "complianceRate");
    for (JsonObject row : objects(report.getJsonArray("municipalities"))) {
      out.printRecord(row.getValue("code"), row.getValue("name"), row.getValue("passages"), row.getValue("allowed"),
          row.getValue("exempted"), row.getValue("warnings"), row.getValue("fines"), row.getValue("repeats"),
          row.getValue("notEnforceable"), row.getValue("unresolved"), row.getValue("complianceRate"));
    }
  }

  private static void enforcement(JsonObject report, CSVPrinter out) throws IOException {
    out.printRecord("municipality", "name", "month", "warnings", "fines", "fineAmountEur");
    for (JsonObject row : objects(report.getJsonArray("items"))) {
      out.printRecord(row.getValue("municipality"), row.getValue("name"), row.getValue("month"),
          row.getValue("warnings"), row.getValue("fines"), row.getValue("fineAmountEur"));
    }
  }

  private static void exemptions(JsonObject report, CSVPrinter out) throws IOException {
    out.printRecord("section", "key", "count", "share");
    for (JsonObject row : objects(report.getJsonArray("applicationsPerMonth"))) {
      out.printRecord("applicationsPerMonth", row.getValue("month"), row.getValue("count"), null);
    }
    for (JsonObject row : objects(report.getJsonArray("byType"))) {
      out.printRecord("byType", row.getValue("type"), row.getValue("count"), row.getValue("share"));
    }
    out.printRecord("scope", "local", report.getValue("local"), null);
    out.printRecord("scope", "national", report.getValue("national"), null);
    JsonObject outcomes = report.getJsonObject("outcomes", new JsonObject());
    JsonObject shares = outcomes.getJsonObject("shares", new JsonObject());
    String section = "outcomes:" + outcomes.getString("scope", "all");
    out.printRecord(section, "total", outcomes.getValue("total"), null);
    for (String outcome : new String[] {"granted", "rejected", "setAside", "pending"}) {
      out.printRecord(section, outcome, outcomes.getValue(outcome), shares.getValue(outcome));
    }
  }

  private static void dayExemptions(JsonObject report, CSVPrinter out) throws IOException {
    out.printRecord("section", "key", "name", "count");
    for (JsonObject row : objects(report.getJsonArray("perMonth"))) {
      out.printRecord("perMonth", row.getValue("month"), null, row.getValue("count"));
    }
    for (JsonObject row : objects(report.getJsonArray("perMunicipality"))) {
      out.printRecord("perMunicipality", row.getValue("municipality"), row.getValue("name"), row.getValue("count"));
    }
  }

  private static void monitoring(JsonObject report, CSVPrinter out) throws IOException {
    String[] names = {"compliance", "enforcement", "exemptions", "dayExemptions"};
    Table[] tables = {COMPLIANCE, ENFORCEMENT, EXEMPTIONS, DAY_EXEMPTIONS};
    for (int i = 0; i < names.length; i++) {
      out.printRecord(names[i]);
      tables[i].write(report.getJsonObject(names[i], new JsonObject()), out);
      out.println();
    }
  }

  private static Iterable<JsonObject> objects(JsonArray array) {
    JsonArray items = array == null ? new JsonArray() : array;
    return () -> items.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).iterator();
  }
}
