package nl.zes.exemption.register;

/**
 * A line of one of the body-work exports. Each fills the field of its own column; a combined export may
 * fill several.
 *
 * @param plate            kenteken, normalised
 * @param bodyCode         carrosseriecode of Gekentekende_voertuigen_carrosserie_specificatie (15, 26, …), or null
 * @param europeanBodyType carrosserietype of Gekentekende_voertuigen_carrosserie (BB, SH, SB, SF, …), or null
 * @param remarkCode       bijzonderheid_code of Gekentekende_voertuigen_bijzonderheden (145, …), or null
 */
public record BodyRow(long line, String plate, String bodyCode, String europeanBodyType, String remarkCode)
        implements ParsedLine {
}
