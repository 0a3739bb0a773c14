package nl.zes.exemption.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.zes.exemption.domain.AccessDecision;
import nl.zes.exemption.domain.AccessRules;
import nl.zes.exemption.domain.EmissionClass;
import nl.zes.exemption.domain.Policy;
import nl.zes.exemption.domain.Vehicle;
import nl.zes.exemption.domain.VehicleKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VehicleAssemblerTest {

    @ParameterizedTest(name = "{0} {1} {2} kg -> {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "N1  | Bedrijfsauto | 3500  | VAN",
        "n1  | Bedrijfsauto | NULL  | VAN",
        "N1G | Bedrijfsauto | 3500  | VAN",
        "N2  | Bedrijfsauto | 7500  | TRUCK",
        "N3  | Bedrijfsauto | 40000 | TRUCK",
        "M1  | Personenauto | 1800  | OTHER",
        "M3  | Bus          | 18000 | OTHER",
        "L3e | Motorfiets   | 400   | OTHER",
        "''  | Bedrijfsauto | 2800  | VAN",
        "''  | Bedrijfsauto | 3500  | VAN",
        "''  | Bedrijfsauto | 3501  | TRUCK",
        "''  | Bedrijfsauto | NULL  | OTHER",
        "''  | Personenauto | 1200  | OTHER",
    })
    void derivesTheKind(String category, String vehicleType, Integer mass, VehicleKind kind) {
        VehicleRow row = new VehicleRow(2, "AB12CD", vehicleType, category, "", LocalDate.parse("1984-01-01"),
                null, mass);
        assertThat(VehicleAssembler.kindOf(row)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0} {1} -> tractor {2}")
    @CsvSource({"N3, opleggertrekker, true", "N2, Opleggertrekker, true", "N3, bakwagen, false",
        "N1, opleggertrekker, false"})
    void aTractorUnitIsATruckArrangedAsOpleggertrekker(String category, String bodyStyle, boolean tractor) {
        VehicleRow row = new VehicleRow(2, "AB12CD", "Bedrijfsauto", category, bodyStyle,
                LocalDate.parse("2018-01-01"), null, 20_000);
        assertThat(VehicleAssembler.assemble(row, List.of(), List.of()).tractorUnit()).isEqualTo(tractor);
    }

    @ParameterizedTest(name = "{0} -> {1}, zero-emission {2}")
    @CsvSource(delimiter = '|', value = {
        "Diesel:6                  | EURO_6  | false",
        "Elektriciteit:Z           | ZERO    | true",
        "Waterstof:                | ZERO    | true",
        "Benzine:6,Elektriciteit:Z | EURO_6  | false",
        "Elektriciteit:Z,Benzine:5 | EURO_5  | false",
        "Benzine:5,LPG:4           | EURO_4  | false",
        "LPG:,Benzine:5            | EURO_5  | false",
        "Diesel:                   | UNKNOWN | false",
        "''                        | UNKNOWN | false",
    })
    void derivesEmissionClassAndZeroEmissionFromTheFuels(String fuels, EmissionClass emissionClass,
            boolean zeroEmission) {
        List<FuelRow> rows = new ArrayList<>();
        int sequence = 1;
        for (String fuel : fuels.isEmpty() ? new String[0] : fuels.split(",")) {
            String[] parts = fuel.split(":", -1);
            rows.add(new FuelRow(sequence + 1, "AB12CD", sequence++, parts[0], EmissionClass.parse(parts[1])));
        }
        Vehicle vehicle = VehicleAssembler.assemble(van("AB12CD"), rows, List.of());

        assertThat(vehicle.emissionClass()).isEqualTo(emissionClass);
        assertThat(vehicle.zeroEmission()).isEqualTo(zeroEmission);
    }

    @Test
    void keepsFuelsInTheRegistersOrderAndCollectsCodes() {
        Vehicle vehicle = VehicleAssembler.assemble(van("AB12CD"),
                List.of(new FuelRow(3, "AB12CD", 2, "Elektriciteit", EmissionClass.ZERO),
                        new FuelRow(2, "AB12CD", 1, "Benzine", EmissionClass.EURO_6)),
                List.of(new BodyRow(2, "AB12CD", "26", null, null), new BodyRow(3, "AB12CD", null, "SF", null),
                        new BodyRow(4, "AB12CD", null, null, "145")));

        assertThat(vehicle.fuels()).containsExactly("Benzine", "Elektriciteit");
        assertThat(vehicle.bodyCodes()).containsExactlyInAnyOrder("26", "SF");
        assertThat(vehicle.remarkCodes()).containsExactly("145");
        assertThat(vehicle.category()).isEqualTo("N1");
        assertThat(vehicle.firstAdmission()).isEqualTo("2019-03-01");
        assertThat(vehicle.maximumMassKg()).isEqualTo(3_000);
    }

    /** The import derives a written plate's vehicle from the index's one and the new rows: it must match. */
    @Test
    void changingOneExportGivesWhatAssemblingEveryRowGives() {
        VehicleRow truck = new VehicleRow(2, "AB12CD", "Bedrijfsauto", "N3", "opleggertrekker",
                LocalDate.parse("2016-05-01"), null, 40_000);
        List<FuelRow> fuels = List.of(new FuelRow(2, "AB12CD", 1, "Diesel", EmissionClass.EURO_5),
                new FuelRow(3, "AB12CD", 2, "Elektriciteit", EmissionClass.ZERO));
        List<BodyRow> bodies = List.of(new BodyRow(2, "AB12CD", "26", "SF", "145"),
                new BodyRow(3, "AB12CD", "15", null, null));
        Vehicle whole = VehicleAssembler.assemble(truck, fuels, bodies);

        Vehicle vanBefore = VehicleAssembler.assemble(van("AB12CD"), fuels, bodies);
        assertThat(VehicleAssembler.withVehicleRow(vanBefore, truck)).isEqualTo(whole);
        Vehicle withoutFuels = VehicleAssembler.assemble(truck, List.of(), bodies);
        assertThat(VehicleAssembler.withFuels(withoutFuels, List.of(fuels.get(1), fuels.get(0)))).isEqualTo(whole);
        Vehicle oneBody = VehicleAssembler.assemble(truck, fuels, bodies.subList(0, 1));
        assertThat(VehicleAssembler.withBodies(oneBody, bodies.subList(1, 2))).isEqualTo(whole);
        assertThat(VehicleAssembler.withBodies(whole, bodies)).isEqualTo(whole);
    }

    @Test
    void refusesRowsOfAnotherPlate() {
        assertThatIllegalArgumentException().isThrownBy(() -> VehicleAssembler.assemble(van("AB12CD"),
                List.of(new FuelRow(2, "XY12CD", 1, "Diesel", EmissionClass.EURO_6)), List.of()));
    }

    /** An RDW-shaped import of the three exports, then access checks: the verdicts DOMAIN.md prescribes. */
    @Test
    void importedVehiclesGetTheVerdictsOfTheRules() throws Exception {
        String vehicles = """
                Kenteken,Voertuigsoort,Merk,Inrichting,Datum eerste toelating,\
                Datum eerste tenaamstelling in Nederland,Toegestane maximum massa voertuig,Europese voertuigcategorie
                VGK-54-B,Bedrijfsauto,VOLKSWAGEN,gesloten opbouw,20190301,20190301,"3,000",N1
                V-95-JKV,Bedrijfsauto,IVECO,kipper,20241211,20241211,"3,500",N1
                01-BBN-6,Bedrijfsauto,DAF,opleggertrekker,20180115,20180115,"20,500",N3
                BX-12-LD,Bedrijfsauto,MERCEDES-BENZ,kraanwagen,20130410,20130410,"26,000",N3
                J-123-BC,Bedrijfsauto,FORD,gesloten opbouw,20231001,20231001,"3,200",N1
                12-ABC-3,Personenauto,TOYOTA,hatchback,20160501,20160501,"1,790",M1
                AB-12-CD,Bedrijfsauto,CITROEN,,19840620,19840620,"2,400",
                XK-99-ZZ,Bedrijfsauto,RENAULT,gesloten opbouw,20260105,20260105,"3,100",N1
                GH-456-K,Bedrijfsauto,OPEL,gesloten opbouw,20080101,20080101,"2,900",N1
                98-TB-45,Bedrijfsauto,SCANIA,bakwagen,20150101,20150101,"18,000",N2
                """;
        String fuels = """
                kenteken,brandstof_volgnummer,brandstof_omschrijving,emissiecode_omschrijving,uitlaatemissieniveau
                VGK54B,1,Diesel,6,EURO 6 W
                V95JKV,1,Diesel,6,EURO 6 D
                01BBN6,1,Diesel,,EURO VI C
                BX12LD,1,Diesel,5,EURO V
                J123BC,1,Benzine,6,EURO 6 D
                J123BC,2,Elektriciteit,Z,
                12ABC3,1,Benzine,6,
                AB12CD,1,Benzine,,
                XK99ZZ,1,Elektriciteit,Z,
                GH456K,1,Diesel,4,EURO 4
                98TB45,1,Diesel,,EURO VI
                """;
        String bodies = """
                kenteken,carrosserie_volgnummer,carrosseriecode
                BX12LD,1,26
                """;
        Map<String, VehicleRow> vehicleRows = new HashMap<>();
        Map<String, List<FuelRow>> fuelRows = new HashMap<>();
        Map<String, List<BodyRow>> bodyRows = new HashMap<>();
        for (ParsedLine line : RdwCsvReaderTest.readAll(Dataset.VEHICLES, vehicles)) {
            vehicleRows.put(((VehicleRow) line).plate(), (VehicleRow) line);
        }
        for (ParsedLine line : RdwCsvReaderTest.readAll(Dataset.FUELS, fuels)) {
            fuelRows.computeIfAbsent(((FuelRow) line).plate(), plate -> new ArrayList<>()).add((FuelRow) line);
        }
        for (ParsedLine line : RdwCsvReaderTest.readAll(Dataset.BODIES, bodies)) {
            bodyRows.computeIfAbsent(((BodyRow) line).plate(), plate -> new ArrayList<>()).add((BodyRow) line);
        }
        AccessRules rules = new AccessRules(Policy.defaults());
        Map<String, String> verdicts = new HashMap<>();
        Instant at = Instant.parse("2026-03-02T08:15:00Z");
        for (VehicleRow row : vehicleRows.values()) {
            Vehicle vehicle = VehicleAssembler.assemble(row, fuelRows.getOrDefault(row.plate(), List.of()),
                    bodyRows.getOrDefault(row.plate(), List.of()));
            AccessDecision decision = rules.decide(vehicle, false, LocalDate.parse("2025-01-01"), at, List.of(),
                    List.of());
            verdicts.put(row.plate(), (decision.allowed() ? "allowed " : "refused ") + decision.ruleId());
        }

        assertThat(verdicts).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("VGK54B", "allowed VAN_EK6"),
                Map.entry("V95JKV", "allowed VAN_EK6"),
                Map.entry("01BBN6", "allowed TRACTOR_EK6"),
                Map.entry("BX12LD", "allowed VRIJSTELLING"),
                Map.entry("J123BC", "allowed VAN_EK6"),
                Map.entry("12ABC3", "allowed NOT_IN_SCOPE"),
                Map.entry("AB12CD", "allowed VRIJSTELLING"),
                Map.entry("XK99ZZ", "allowed ZERO_EMISSION"),
                Map.entry("GH456K", "refused VAN_OLD"),
                Map.entry("98TB45", "refused TRUCK_OLD")));
    }

    private static VehicleRow van(String plate) {
        return new VehicleRow(2, plate, "Bedrijfsauto", "N1", "gesloten opbouw", LocalDate.parse("2019-03-01"),
                LocalDate.parse("2019-03-01"), 3_000);
    }
}
