package nl.zes.exemption.register;

import nl.zes.exemption.domain.EmissionClass;

/**
 * A line of Gekentekende_voertuigen_brandstof.
 *
 * @param plate         kenteken, normalised
 * @param sequence      brandstof_volgnummer
 * @param fuel          brandstof_omschrijving (Diesel, Benzine, Elektriciteit, Waterstof, …)
 * @param emissionClass emissiecode_omschrijving, or uitlaatemissieniveau where that says nothing readable
 */
public record FuelRow(long line, String plate, int sequence, String fuel, EmissionClass emissionClass)
        implements ParsedLine {
}
