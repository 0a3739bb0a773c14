package nl.zes.common.bus;

/** Kafka topics, the integration surface other consumers read (API.md, "Kafka topics"). */
public final class Topics {

  /** Key plate, value the accepted passage. Short retention. */
  public static final String PASSAGES_RECEIVED = "zes.passages.received.v1";
  /** Key passage id, value the verdict; the plate only for WARNING and FINE. */
  public static final String PASSAGES_EVALUATED = "zes.passages.evaluated.v1";
  /** Key plate, value every exemption and day-exemption change. */
  public static final String EXEMPTIONS_CHANGED = "zes.exemptions.changed.v1";
  /** Evaluated events that reporting could not parse, kept for inspection instead of being dropped. */
  public static final String PASSAGES_EVALUATED_DEAD_LETTER = "zes.passages.evaluated.dlq.v1";

  private Topics() {
  }
}
