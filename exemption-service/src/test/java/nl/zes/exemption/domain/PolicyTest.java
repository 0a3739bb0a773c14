package nl.zes.exemption.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTest {

    @Test
    void shipsTheDefaultsOfTheDomain() {
        Policy policy = Policy.defaults();

        Policy.Access access = policy.access();
        assertThat(access.newVehicleFrom()).isEqualTo("2025-01-01");
        assertThat(access.newVehicleDate()).isEqualTo(Policy.NewVehicleDate.FIRST_ADMISSION);
        assertThat(access.vanEk5End()).isEqualTo("2027-01-01");
        assertThat(access.vanEk6End()).isEqualTo("2028-01-01");
        assertThat(access.tractorEk6FirstAdmissionFrom()).isEqualTo("2017-01-01");
        assertThat(access.tractorEk6End()).isEqualTo("2030-01-01");
        assertThat(access.rigidEk6FirstAdmissionFrom()).isEqualTo("2020-01-01");
        assertThat(access.rigidEk6End()).isEqualTo("2030-01-01");
        assertThat(access.rigidEk6OldFirstAdmissionFrom()).isEqualTo("2017-01-01");
        assertThat(access.rigidEk6OldEnd()).isEqualTo("2028-01-01");
        assertThat(access.generalEnd()).isEqualTo("2030-01-01");
        assertThat(access.emissionClassDerivation()).isEmpty();

        Policy.Vrijstellingen vrijstellingen = policy.vrijstellingen();
        assertThat(vrijstellingen.historicAgeYears()).isEqualTo(40);
        assertThat(vrijstellingen.specialTruckAgeLimitYears()).isEqualTo(13);
        assertThat(vrijstellingen.specialTruckBodyCodes()).containsExactlyInAnyOrder(
                "15", "16", "19", "23", "26", "27", "31");
        assertThat(vrijstellingen.specialPurposeCodes()).containsExactlyInAnyOrder("SB", "SF");
        assertThat(vrijstellingen.wheelchairCodes()).containsExactlyInAnyOrder("SH", "145", "146", "147", "149");

        Policy.Exemptions exemptions = policy.exemptions();
        assertThat(exemptions.earliestApplicationDate()).isEqualTo("2024-07-01");
        assertThat(exemptions.businessEconomicNationalFrom()).isEqualTo("2026-01-01");
        assertThat(exemptions.gridCongestionNationalFrom()).isEqualTo("2026-01-01");
        assertThat(exemptions.specialVehicleAgeLimitYears()).isEqualTo(13);
        assertThat(exemptions.notAvailableZeroEmission()).isEqualTo(new Policy.NotAvailableTerms(
                LocalDate.parse("2026-01-01"), 10, 13, 7, Set.of()));
        assertThat(exemptions.types()).containsOnlyKeys(ExemptionType.values());
        assertThat(exemptions.terms(ExemptionType.PRIVATE_USE).latestEnd()).isEqualTo("2030-01-01");
        assertThat(exemptions.terms(ExemptionType.HARDSHIP).latestEnd()).isNull();
        assertThat(exemptions.types().values()).allSatisfy(terms -> assertThat(terms.feeEur()).isBetween(30, 250));

        assertThat(policy.dayExemptions()).isEqualTo(new Policy.DayExemptions(12, LocalTime.of(6, 0), 30));
        assertThat(policy.enforcement()).isEqualTo(new Policy.Enforcement(120, 310, 6, true));
    }

    @Test
    void aPolicyFileOverridesOnlyWhatItNames() throws IOException {
        Policy policy = load("""
                {"access": {"vanEk6End": "2029-01-01"},
                 "exemptions": {"types": {"HARDSHIP": {"feeEur": 99}}},
                 "enforcement": {"fineVanEur": 125}}""");

        assertThat(policy.access().vanEk6End()).isEqualTo("2029-01-01");
        assertThat(policy.access().vanEk5End()).isEqualTo("2027-01-01");
        assertThat(policy.exemptions().terms(ExemptionType.HARDSHIP)).isEqualTo(new Policy.TypeTerms(99, null));
        assertThat(policy.exemptions().terms(ExemptionType.DELIVERY_TIME).feeEur()).isEqualTo(250);
        assertThat(policy.enforcement().fineVanEur()).isEqualTo(125);
        assertThat(policy.enforcement().fineTruckEur()).isEqualTo(310);
    }

    @Test
    void anEmptyPolicyFileIsTheDefaults() throws IOException {
        assertThat(load("{}")).isEqualTo(Policy.defaults());
    }

    @Test
    void aListReplacesTheDefaultList() throws IOException {
        Policy policy = load("{\"vrijstellingen\": {\"wheelchairCodes\": [\"SH\", \"70\"]}}");
        assertThat(policy.vrijstellingen().wheelchairCodes()).containsExactlyInAnyOrder("SH", "70");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"access\": {\"vanEk6end\": \"2029-01-01\"}}            | unknown key access.vanEk6end",
        "{\"acces\": {}}                                           | unknown key acces",
        "{\"access\": {\"vanEk6End\": \"1 January 2029\"}}        | access.vanEk6End must be a date",
        "{\"access\": {\"vanEk6End\": null}}                       | access.vanEk6End must be a string",
        "{\"access\": {\"newVehicleDate\": \"DET\"}}               | access.newVehicleDate must be one of",
        "{\"access\": 5}                                            | access must be an object",
        "{\"dayExemptions\": {\"maxPerYear\": -1}}                 | dayExemptions.maxPerYear must be a whole number",
        "{\"dayExemptions\": {\"maxPerYear\": 1.5}}                | dayExemptions.maxPerYear must be a whole number",
        "{\"dayExemptions\": {\"validUntilNextDay\": \"6 am\"}}    | dayExemptions.validUntilNextDay must be a time",
        "{\"enforcement\": {\"oneViolationPerDay\": \"yes\"}}      | enforcement.oneViolationPerDay must be true or false",
        "{\"exemptions\": {\"types\": {\"PARKING\": {}}}}          | unknown key exemptions.types.PARKING",
        "{\"access\": {\"emissionClassDerivation\": [{\"kind\": \"VAN\", \"emissionClass\": \"9\"}]}} | access.emissionClassDerivation[0].emissionClass must be an emission class",
        "{\"access\": {\"emissionClassDerivation\": [{\"kind\": \"VAN\", \"emissionClass\": \"6\", \"colour\": 1}]}} | unknown key access.emissionClassDerivation[0].colour",
        "[1, 2]                                                      | not a JSON object",
        "{not json                                                   | not a JSON object",
    })
    void rejectsAMalformedPolicyNamingThePath(String json, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> load(json)).withMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"2025-01-01, 2025-07-01", "2025-07-01, 2026-01-01", "2025-08-31, 2026-02-28"})
    void finesStartSixMonthsAfterAnUnconfirmedZoneStart(LocalDate zoneStart, LocalDate finesFrom) {
        assertThat(Policy.defaults().enforcement().defaultFinesFrom(zoneStart)).isEqualTo(finesFrom);
    }

    @ParameterizedTest
    @CsvSource({"VAN, 120", "TRUCK, 310"})
    void finesByKind(VehicleKind kind, int fine) {
        assertThat(Policy.defaults().enforcement().fineEur(kind)).isEqualTo(fine);
    }

    private static Policy load(String json) throws IOException {
        return Policy.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
