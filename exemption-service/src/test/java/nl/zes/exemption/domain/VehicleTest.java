package nl.zes.exemption.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VehicleTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Elektriciteit                  | true",
        "Waterstof                      | true",
        "ELEKTRICITEIT                  | true",
        "Elektriciteit,Waterstof        | true",
        "Diesel                         | false",
        "Benzine,Elektriciteit          | false",
        "Elektriciteit,LPG              | false",
        "''                             | false",
    })
    void isZeroEmissionOnlyWhenEveryFuelIs(String fuels, boolean zeroEmission) {
        String[] list = fuels.isEmpty() ? new String[0] : fuels.split(",");
        Vehicle vehicle = TestVehicles.van("6", "2020-01-01").fuels(list).build();
        assertThat(vehicle.zeroEmission()).isEqualTo(zeroEmission);
    }

    @ParameterizedTest(name = "body {0} remark {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "SH   | ''    | true",
        "BB   | 145   | true",
        "BB   | 70    | false",
        "''   | ''    | false",
    })
    void findsCodesAmongBodyAndRemarkCodes(String body, String remark, boolean found) {
        Vehicle vehicle = TestVehicles.van("4", "2010-01-01")
                .bodyCodes(body.isEmpty() ? new String[0] : new String[] {body})
                .remarkCodes(remark.isEmpty() ? new String[0] : new String[] {remark})
                .build();
        assertThat(vehicle.hasAnyCode(Set.of("SH", "145", "146", "147", "149"))).isEqualTo(found);
    }

    @ParameterizedTest
    @CsvSource({"145, false", "SB, true"})
    void bodyCodeLookupIgnoresRemarkCodes(String code, boolean found) {
        Vehicle vehicle = TestVehicles.rigid("5", "2015-01-01").bodyCodes("SB").remarkCodes("145").build();
        assertThat(vehicle.hasAnyBodyCode(Set.of(code))).isEqualTo(found);
    }
}
