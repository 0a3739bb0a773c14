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

  private Addresses() {
  }
}
