package nl.zes.exemption.domain;

/** What the zone rules distinguish: vans (N1), trucks (N2/N3) and everything else, which is out of scope. */
public enum VehicleKind {
    VAN,
    TRUCK,
    OTHER;

    public boolean inScope() {
        return this != OTHER;
    }
}
