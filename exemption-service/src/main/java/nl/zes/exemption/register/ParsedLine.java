package nl.zes.exemption.register;

/** One data line of an RDW export: a typed row, or the reason it was rejected. */
public sealed interface ParsedLine permits VehicleRow, FuelRow, BodyRow, Rejection {

    /** The line of the file on which the record starts (the header is line 1). */
    long line();
}
