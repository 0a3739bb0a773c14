package nl.zes.exemption.register;

import nl.zes.exemption.domain.EmissionClass;
import org.apache.commons.csv.CSVRecord;

/** Gekentekende_voertuigen_brandstof. */
final class FuelLineParser implements LineParser {

    private static final String EMISSION_CODE = "emissiecode_omschrijving";
    private static final String EXHAUST_LEVEL = "uitlaatemissieniveau";

    private final Column plate;
    private final Column sequence;
    private final Column fuel;
    private final Column emissionCode;
    private final Column exhaustLevel;

    FuelLineParser(Columns columns) {
        plate = columns.required("kenteken");
        sequence = columns.required("brandstof_volgnummer");
        fuel = columns.required("brandstof_omschrijving");
        // Without either, every vehicle would silently count as class unknown and be refused.
        columns.requireOneOf(EMISSION_CODE, EXHAUST_LEVEL);
        emissionCode = columns.column(EMISSION_CODE);
        exhaustLevel = columns.column(EXHAUST_LEVEL);
    }

    @Override
    public ParsedLine parse(CSVRecord record, long line) throws InvalidValueException {
        String normalisedPlate = RdwValues.plate(plate, plate.value(record));
        Integer number = RdwValues.wholeNumber(sequence, sequence.value(record));
        if (number == null) {
            throw new InvalidValueException(sequence.name(), "missing");
        }
        String description = fuel.value(record);
        if (description.isEmpty()) {
            throw new InvalidValueException(fuel.name(), "missing");
        }
        EmissionClass emissionClass = EmissionClass.parse(emissionCode.value(record));
        if (emissionClass == EmissionClass.UNKNOWN) {
            emissionClass = EmissionClass.parse(exhaustLevel.value(record));
        }
        return new FuelRow(line, normalisedPlate, number, description, emissionClass);
    }
}
