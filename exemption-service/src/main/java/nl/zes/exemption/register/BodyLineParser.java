package nl.zes.exemption.register;

import java.util.Locale;
import org.apache.commons.csv.CSVRecord;

/**
 * The body-work exports: Gekentekende_voertuigen_carrosserie_specificatie (carrosseriecode),
 * Gekentekende_voertuigen_carrosserie (carrosserietype, the European body type that carries the special
 * purposes SH, SB and SF) and Gekentekende_voertuigen_bijzonderheden (bijzonderheid_code, the remark codes
 * 145–149 of wheelchair access).
 */
final class BodyLineParser implements LineParser {

    private static final String BODY_CODE = "carrosseriecode";
    private static final String EUROPEAN_BODY_TYPE = "carrosserietype";
    private static final String REMARK_CODE = "bijzonderheid_code";

    private final Column plate;
    private final Column bodyCode;
    private final Column europeanBodyType;
    private final Column remarkCode;

    BodyLineParser(Columns columns) {
        plate = columns.required("kenteken");
        columns.requireOneOf(BODY_CODE, EUROPEAN_BODY_TYPE, REMARK_CODE);
        bodyCode = columns.column(BODY_CODE);
        europeanBodyType = columns.column(EUROPEAN_BODY_TYPE);
        remarkCode = columns.column(REMARK_CODE);
    }

    @Override
    public ParsedLine parse(CSVRecord record, long line) throws InvalidValueException {
        String normalisedPlate = RdwValues.plate(plate, plate.value(record));
        String body = orNull(bodyCode.value(record));
        String type = orNull(europeanBodyType.value(record));
        String remark = orNull(remarkCode.value(record));
        if (body == null && type == null && remark == null) {
            throw new InvalidValueException(BODY_CODE, "no body code, body type or remark code");
        }
        return new BodyRow(line, normalisedPlate, body, type == null ? null : type.toUpperCase(Locale.ROOT), remark);
    }

    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
