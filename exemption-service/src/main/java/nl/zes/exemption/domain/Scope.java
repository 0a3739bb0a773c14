package nl.zes.exemption.domain;

/** Where a long-term exemption is valid: in every zone, or in the municipalities it names. */
public enum Scope {
    NATIONAL,
    LOCAL
}
