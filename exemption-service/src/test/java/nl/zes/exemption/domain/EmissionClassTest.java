package nl.zes.exemption.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class EmissionClassTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "6               | EURO_6",
        "VI              | EURO_6",
        "EURO 6          | EURO_6",
        "Euro VI         | EURO_6",
        "euro vi         | EURO_6",
        "EURO VI C       | EURO_6",
        "EURO 6 D TEMP   | EURO_6",
        "EURO 6D         | EURO_6",
        "EURO-6          | EURO_6",
        "EUROVI          | EURO_6",
        "' 5 '           | EURO_5",
        "V               | EURO_5",
        "EURO V          | EURO_5",
        "EEV             | EURO_5",
        "IV              | EURO_4",
        "EURO III        | EURO_3",
        "II              | EURO_2",
        "Euro I          | EURO_1",
        "0               | EURO_0",
        "EURO 0          | EURO_0",
        "Z               | ZERO",
        "z               | ZERO",
        "''              | UNKNOWN",
        "'   '           | UNKNOWN",
        "NULL            | UNKNOWN",
        "EURO            | UNKNOWN",
        "7               | UNKNOWN",
        "60              | UNKNOWN",
        "VII             | UNKNOWN",
        "VIC             | UNKNOWN",
        "Diesel          | UNKNOWN",
        "X               | UNKNOWN",
    })
    void normalisesEveryNotation(String notation, EmissionClass expected) {
        assertThat(EmissionClass.parse(notation)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "EURO_0, 0, 0, 0, 0",
        "EURO_4, 4, 4, 4, IV",
        "EURO_5, 5, 5, 5, V",
        "EURO_6, 6, 6, 6, VI",
        "ZERO, -1, Z, Z, Z",
        "UNKNOWN, -1, NULL, unknown, unknown",
    })
    void levelsCodesAndNotations(EmissionClass emissionClass, int level, String code, String van, String truck) {
        assertThat(emissionClass.level()).isEqualTo(level);
        assertThat(emissionClass.code()).isEqualTo(code);
        assertThat(emissionClass.notation(VehicleKind.VAN)).isEqualTo(van);
        assertThat(emissionClass.notation(VehicleKind.TRUCK)).isEqualTo(truck);
    }

    @ParameterizedTest
    @EnumSource(EmissionClass.class)
    void theCodeReadsBackAsTheSameClass(EmissionClass emissionClass) {
        assertThat(EmissionClass.parse(emissionClass.code())).isEqualTo(emissionClass);
    }
}
