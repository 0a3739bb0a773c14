package nl.zes.exemption.domain;

import static nl.zes.exemption.domain.TestVehicles.rigid;
import static nl.zes.exemption.domain.TestVehicles.tractor;
import static nl.zes.exemption.domain.TestVehicles.van;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ExemptionTypeTest {

    private static final Policy POLICY = Policy.defaults();

    @ParameterizedTest(name = "{0} submitted {1}: {2}")
    @CsvSource({
        "PRIVATE_USE, 2024-07-01, NATIONAL",
        "DISABILITY_ADAPTED, 2025-05-01, NATIONAL",
        "SPECIAL_VEHICLE, 2025-05-01, NATIONAL",
        "NOT_AVAILABLE_ZERO_EMISSION, 2025-05-01, NATIONAL",
        "DELIVERY_TIME, 2025-05-01, NATIONAL",
        "BUSINESS_ECONOMIC, 2025-12-31, LOCAL",
        "BUSINESS_ECONOMIC, 2026-01-01, NATIONAL",
        "BUSINESS_ECONOMIC, 2026-01-02, NATIONAL",
        "HARDSHIP, 2025-12-31, LOCAL",
        "HARDSHIP, 2026-01-01, LOCAL",
        "GRID_CONGESTION, 2025-12-31, LOCAL",
        "GRID_CONGESTION, 2026-01-01, NATIONAL",
    })
    void hasItsScopeAtSubmission(ExemptionType type, LocalDate submitted, Scope scope) {
        assertThat(type.scopeAt(submitted, POLICY)).isEqualTo(scope);
    }

    @Test
    void carriesTheLettersNames() {
        assertThat(ExemptionType.PRIVATE_USE.letterName()).isEqualTo("Particulier gebruik bedrijfs- en vrachtauto");
        assertThat(ExemptionType.SPECIAL_VEHICLE.letterName())
                .isEqualTo("Bijzondere voertuigen met een DET tot 13 jaar oud");
        assertThat(ExemptionType.HARDSHIP.letterName()).contains("Hardheidsclausule");
        assertThat(Stream.of(ExemptionType.values()).map(ExemptionType::letterName).distinct()).hasSize(8);
    }

    static Stream<Arguments> validities() {
        return Stream.of(
                // type, decided, requested from, requested until, vehicle, expected from, expected until
                Arguments.of(ExemptionType.PRIVATE_USE, "2025-03-01", "2025-02-01", null,
                        van("4", "2010-01-01"), "2025-03-01", "2030-01-01"),
                Arguments.of(ExemptionType.PRIVATE_USE, "2025-03-01", "2025-04-01", null,
                        van("4", "2010-01-01"), "2025-04-01", "2030-01-01"),
                Arguments.of(ExemptionType.DISABILITY_ADAPTED, "2025-03-01", "2025-03-01", "2027-06-01",
                        van("4", "2010-01-01"), "2025-03-01", "2027-06-01"),
                Arguments.of(ExemptionType.SPECIAL_VEHICLE, "2025-03-01", "2025-03-01", null,
                        rigid("V", "2015-06-10"), "2025-03-01", "2028-06-10"),
                Arguments.of(ExemptionType.SPECIAL_VEHICLE, "2025-03-01", "2025-03-01", null,
                        rigid("VI", "2019-06-10"), "2025-03-01", "2030-01-01"),
                Arguments.of(ExemptionType.SPECIAL_VEHICLE, "2025-03-01", "2025-03-01", null,
                        null, "2025-03-01", "2030-01-01"),
                Arguments.of(ExemptionType.NOT_AVAILABLE_ZERO_EMISSION, "2025-12-31", "2025-12-31", null,
                        rigid("VI", "2025-11-01"), "2025-12-31", "2030-01-01"),
                Arguments.of(ExemptionType.NOT_AVAILABLE_ZERO_EMISSION, "2026-01-01", "2026-01-01", null,
                        rigid("VI", "2025-11-01"), "2026-01-01", "2038-11-01"),
                Arguments.of(ExemptionType.NOT_AVAILABLE_ZERO_EMISSION, "2026-02-01", "2026-02-01", null,
                        van("6", "2026-01-15"), "2026-02-01", "2036-01-15"),
                Arguments.of(ExemptionType.NOT_AVAILABLE_ZERO_EMISSION, "2026-02-01", "2026-02-01", null,
                        null, "2026-02-01", "2033-02-01"),
                Arguments.of(ExemptionType.NOT_AVAILABLE_ZERO_EMISSION, "2026-02-01", "2026-02-01", "2031-01-01",
                        tractor("VI", "2026-01-15"), "2026-02-01", "2031-01-01"),
                Arguments.of(ExemptionType.DELIVERY_TIME, "2025-05-01", "2025-05-10", "2025-09-01",
                        van("6", "2024-01-01"), "2025-05-10", "2025-09-01"),
                Arguments.of(ExemptionType.BUSINESS_ECONOMIC, "2026-02-01", "2026-01-15", "2027-01-01",
                        van("5", "2014-01-01"), "2026-02-01", "2027-01-01"),
                Arguments.of(ExemptionType.HARDSHIP, "2025-05-01", "2025-05-01", "2032-01-01",
                        van("5", "2014-01-01"), "2025-05-01", "2032-01-01"),
                Arguments.of(ExemptionType.GRID_CONGESTION, "2026-03-01", "2026-03-01", "2027-03-01",
                        rigid("VI", "2016-01-01"), "2026-03-01", "2027-03-01"));
    }

    @ParameterizedTest(name = "{0} decided {1}: {5} until {6}")
    @MethodSource("validities")
    void hasADefaultValidity(ExemptionType type, String decided, String requestedFrom, String requestedUntil,
            TestVehicles.Builder vehicle, String validFrom, String validUntil) {
        Validity validity = type.defaultValidity(LocalDate.parse(decided), LocalDate.parse(requestedFrom),
                requestedUntil == null ? null : LocalDate.parse(requestedUntil),
                vehicle == null ? null : vehicle.build(), POLICY);
        assertThat(validity).isEqualTo(new Validity(LocalDate.parse(validFrom), LocalDate.parse(validUntil)));
    }

    @Test
    void aThirdClassOfVehiclesGetsItsOwnTerm() throws IOException {
        Policy policy = Policy.load(new ByteArrayInputStream("""
                {"exemptions": {"notAvailableZeroEmission": {"thirdClassBodyCodes": ["26"]}}}"""
                .getBytes(StandardCharsets.UTF_8)));
        Validity validity = ExemptionType.NOT_AVAILABLE_ZERO_EMISSION.defaultValidity(LocalDate.parse("2026-02-01"),
                LocalDate.parse("2026-02-01"), null, rigid("VI", "2026-01-15").bodyCodes("26").build(), policy);
        assertThat(validity.validUntil()).isEqualTo("2033-01-15");
    }

    @ParameterizedTest
    @CsvSource({
        "PRIVATE_USE, false", "DISABILITY_ADAPTED, false", "SPECIAL_VEHICLE, false",
        "NOT_AVAILABLE_ZERO_EMISSION, false", "DELIVERY_TIME, true", "BUSINESS_ECONOMIC, true", "HARDSHIP, true",
        "GRID_CONGESTION, true",
    })
    void someTypesNeedARequestedEnd(ExemptionType type, boolean required) {
        assertThat(type.requiresRequestedEnd(POLICY)).isEqualTo(required);
    }

    @Test
    void refusesToGuessARequestedEnd() {
        assertThatIllegalArgumentException().isThrownBy(() -> ExemptionType.HARDSHIP.defaultValidity(
                LocalDate.parse("2025-05-01"), LocalDate.parse("2025-05-01"), null, null, POLICY))
                .withMessageContaining("HARDSHIP");
    }

    @Test
    void aSpecialVehicleAlreadyThirteenGetsAnEmptyValidity() {
        Validity validity = ExemptionType.SPECIAL_VEHICLE.defaultValidity(LocalDate.parse("2025-05-01"),
                LocalDate.parse("2025-05-01"), null, rigid("V", "2010-01-01").build(), POLICY);
        assertThat(validity.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"PENDING, false", "GRANTED, true", "REJECTED, true", "SET_ASIDE, true", "REVOKED, true"})
    void onlyPendingIsUndecided(ExemptionStatus status, boolean decided) {
        assertThat(status.isDecided()).isEqualTo(decided);
    }
}
