package nl.zes.exemption.register;

import org.apache.commons.csv.CSVRecord;

/** Gekentekende_voertuigen. */
final class VehicleLineParser implements LineParser {

    private final Column plate;
    private final Column vehicleType;
    private final Column euCategory;
    private final Column bodyStyle;
    private final Column firstAdmission;
    private final Column firstRegistrationNl;
    private final Column maximumMass;

    VehicleLineParser(Columns columns) {
        plate = columns.required("kenteken");
        vehicleType = columns.column("voertuigsoort");
        euCategory = columns.required("europese_voertuigcategorie");
        bodyStyle = columns.required("inrichting");
        firstAdmission = columns.required("datum_eerste_toelating", "datum_eerste_toelating_dt");
        firstRegistrationNl = columns.column(
                "datum_eerste_tenaamstelling_in_nederland", "datum_eerste_tenaamstelling_in_nederland_dt");
        maximumMass = columns.column("toegestane_maximum_massa_voertuig");
    }

    @Override
    public ParsedLine parse(CSVRecord record, long line) throws InvalidValueException {
        return new VehicleRow(
                line,
                RdwValues.plate(plate, plate.value(record)),
                vehicleType.value(record),
                euCategory.value(record),
                bodyStyle.value(record),
                RdwValues.requiredDate(firstAdmission, firstAdmission.value(record)),
                RdwValues.date(firstRegistrationNl, firstRegistrationNl.value(record)),
                RdwValues.wholeNumber(maximumMass, maximumMass.value(record)));
    }
}
