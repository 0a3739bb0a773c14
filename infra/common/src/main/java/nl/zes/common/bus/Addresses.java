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

  private Addresses() {
  }
}
