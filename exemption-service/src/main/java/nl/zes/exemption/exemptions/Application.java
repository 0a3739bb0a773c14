package nl.zes.exemption.exemptions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.zes.exemption.domain.ExemptionType;
import nl.zes.exemption.domain.Scope;

/** A validated application for a long-term exemption, before it is stored. */
record Application(
    String plate,
    ExemptionType type,
    Scope scope,
    List<String> municipalities,
    String applicantName,
    String applicantKvk,
    LocalDate requestedFrom,
    LocalDate requestedUntil,
    Instant submittedAt) {
}
