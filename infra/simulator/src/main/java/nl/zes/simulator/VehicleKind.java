package nl.zes.simulator;

/** What a generated register row is: a van (N1), a truck (N2/N3) or a passenger car (M1, out of scope). */
public enum VehicleKind {
  VAN,
  TRUCK,
  CAR
}
