package nl.zes.exemption.domain;

/** The life of an application: PENDING until decided; a GRANTED exemption can later be REVOKED. */
public enum ExemptionStatus {
    PENDING,
    GRANTED,
    REJECTED,
    SET_ASIDE,
    REVOKED;

    public boolean isDecided() {
        return this != PENDING;
    }
}
