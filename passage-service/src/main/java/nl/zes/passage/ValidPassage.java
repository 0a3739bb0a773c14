package nl.zes.passage;

import java.time.OffsetDateTime;

/**
 * A passage that passed validation, as it goes onto {@code zes.passages.received.v1} (key: plate, so that every
 * passage of a plate lands on one partition and one evaluator applies the per-day rule to it); its JSON is
 * {@link TopicJson#received}.
 */
record ValidPassage(String id, String municipality, String zone, String camera, OffsetDateTime timestamp,
    String plate, String country, Double confidence) {
}
