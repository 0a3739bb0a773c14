package nl.zes.passage;

import java.time.LocalDate;
import nl.zes.common.messages.AccessAnswer;

/** DOMAIN.md §7: from the exemption-service's access answer to a verdict, before the per-day rule. */
final class VerdictRules {

  static final String FOREIGN_NOT_ENFORCEABLE = "FOREIGN_NOT_ENFORCEABLE";
  static final String UNRESOLVED = "UNRESOLVED";

  private final int fineVanEur;
  private final int fineTruckEur;

  VerdictRules(int fineVanEur, int fineTruckEur) {
    this.fineVanEur = fineVanEur;
    this.fineTruckEur = fineTruckEur;
  }

  /** ALLOWED, NOT_ENFORCEABLE, UNRESOLVED, or WARNING/FINE for a violation (the per-day rule may make it REPEAT). */
  String verdict(AccessAnswer answer, LocalDate day, LocalDate enforcementStart) {
    if (FOREIGN_NOT_ENFORCEABLE.equals(answer.basis())) {
      return Verdict.NOT_ENFORCEABLE;
    }
    if (UNRESOLVED.equals(answer.basis())) {
      return Verdict.UNRESOLVED;
    }
    if (answer.allowed()) {
      return Verdict.ALLOWED;
    }
    // Without a known fines date nobody can be fined yet: a warning is the safe side.
    return enforcementStart == null || day.isBefore(enforcementStart) ? Verdict.WARNING : Verdict.FINE;
  }

  Integer fine(String verdict, String vehicleKind) {
    if (!Verdict.FINE.equals(verdict)) {
      return null;
    }
    return "TRUCK".equals(vehicleKind) ? fineTruckEur : fineVanEur;
  }
}
