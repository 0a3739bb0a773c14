package nl.zes.common.bus;

/** Event-bus addresses, {@code <service>.<verb>}. Every request is JSON request/reply with a send timeout. */
public final class Addresses {

  public static final String EXEMPTIONS_HEALTH = "exemptions.health";
  public static final String PASSAGES_HEALTH = "passages.health";
  public static final String REPORTING_HEALTH = "reporting.health";

  /** One message per batch of passages to evaluate: {@code {items:[{plate, country, municipality, zone, at}]}}. */
  public static final String EXEMPTIONS_ACCESS_BATCH = "exemptions.access.batch";

  /** Passages from the gateway to the passage-service, validated and written to Kafka before the reply. */
  public static final String PASSAGES_INGEST = "passages.ingest";

  /** The municipalities with their zones and fines dates: {@code {}} → {@code {items:[{code, name, zones, enforcementStart}]}}. */
  public static final String EXEMPTIONS_MUNICIPALITIES = "exemptions.municipalities.list";

  /** One passage of the caller's municipality and its verdict: {@code {id}} → API.md's passage view. */
  public static final String PASSAGES_GET = "passages.get";

  /** A page of violations: {@code {from, to, kind?, municipality?, limit?, cursor?}} → {@code {items, nextCursor}}. */
  public static final String PASSAGES_VIOLATIONS = "passages.violations";

  /**
   * Reports (API.md "Reports"), read from the reporting-service's roll-ups:
   * {@code {from, to, municipality?, scope?}} → the report's JSON. A municipality caller sees its own only.
   */
  public static final String REPORTING_COMPLIANCE = "reporting.compliance";
  public static final String REPORTING_ENFORCEMENT = "reporting.enforcement";
  public static final String REPORTING_EXEMPTIONS = "reporting.exemptions";
  public static final String REPORTING_DAY_EXEMPTIONS = "reporting.day-exemptions";
  public static final String REPORTING_MONITORING = "reporting.monitoring";

  /**
   * Admin: create or replace one municipality, {@code {code (of the path), body: {name, zones, enforcementStart}}}
   * → the stored municipality, reply header zes-status 201 when created.
   */
  public static final String EXEMPTIONS_MUNICIPALITIES_PUT = "exemptions.municipalities.put";

  /**
   * One piece of a streamed register import, sent in order, the next only after the reply to the previous:
   * {@code {importId, dataset, seq, data (bytes), last}}. The reply to the last piece is
   * {@code {imported, rejected:[{line, error}], rejectedCount}}; the others reply {@code {}} once consumed.
   * {@code {importId, abort: true}} gives an import up.
   */
  public static final String EXEMPTIONS_VEHICLES_IMPORT_CHUNK = "exemptions.vehicles.import.chunk";

  /** {@code {plate}} → API.md's vehicle view; 404 when unknown. */
  public static final String EXEMPTIONS_VEHICLES_GET = "exemptions.vehicles.get";

  /** {@code {plate, municipality, at?}} → API.md's access decision. */
  public static final String EXEMPTIONS_ACCESS_CHECK = "exemptions.access.check";

  /** Long-term exemptions (API.md "Access and exemptions"): create, decide, revoke, get, list, status. */
  public static final String EXEMPTIONS_CREATE = "exemptions.create";
  public static final String EXEMPTIONS_DECIDE = "exemptions.decide";
  public static final String EXEMPTIONS_REVOKE = "exemptions.revoke";
  public static final String EXEMPTIONS_GET = "exemptions.get";
  public static final String EXEMPTIONS_LIST = "exemptions.list";
  public static final String EXEMPTIONS_STATUS = "exemptions.status";

  /** Day exemptions: {@code {plate, municipality, date, requestedAt?}} and {@code {plate, municipality, year?}}. */
  public static final String EXEMPTIONS_DAY_CREATE = "exemptions.day.create";
  public static final String EXEMPTIONS_DAY_LIST = "exemptions.day.list";

  private Addresses() {
  }
}
