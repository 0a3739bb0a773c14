package nl.zes.exemption.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.zes.exemption.domain.EmissionClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RdwCsvReaderTest {

    /** The API's field names, as the Socrata CSV export writes them (a real export has ~90 columns). */
    private static final String VEHICLES_API = """
            kenteken,voertuigsoort,merk,handelsbenaming,inrichting,aantal_zitplaatsen,massa_ledig_voertuig,\
            toegestane_maximum_massa_voertuig,massa_rijklaar,datum_eerste_toelating,\
            datum_eerste_tenaamstelling_in_nederland,europese_voertuigcategorie,datum_eerste_toelating_dt
            VGK54B,Bedrijfsauto,VOLKSWAGEN,"TRANSPORTER, 2.0 TDI",gesloten opbouw,3,1796,3000,1896,20190301,\
            20190301,N1,2019-03-01T00:00:00.000
            01BBN6,Bedrijfsauto,DAF,XF 480 FT,opleggertrekker,2,7950,20500,8050,20180115,20180115,N3,\
            2018-01-15T00:00:00.000
            12ABC3,Personenauto,TOYOTA,PRIUS,hatchback,5,1320,1790,1420,20160501,20160501,M1,\
            2016-05-01T00:00:00.000
            """;

    /** The bulk download's display names, in another order, with a byte order mark and CRLF line ends. */
    private static final String VEHICLES_BULK = "\uFEFFKenteken,Merk,Europese voertuigcategorie,"
            + "Datum eerste toelating,Inrichting,Toegestane maximum massa voertuig,Voertuigsoort,"
            + "Datum eerste tenaamstelling in Nederland\r\n"
            + "V-95-JKV,IVECO,N1,20241211,\"kipper, neerklapbare zijschotten\",\"3,500\",Bedrijfsauto,20241211\r\n"
            + "BX-12-LD,MERCEDES-BENZ,N2,20120410,kraanwagen,\"12,000\",Bedrijfsauto,20150601\r\n";

    @Test
    void readsTheApiHeaderStyle() throws Exception {
        List<ParsedLine> lines = readAll(Dataset.VEHICLES, VEHICLES_API);

        assertThat(lines).containsExactly(
                new VehicleRow(2, "VGK54B", "Bedrijfsauto", "N1", "gesloten opbouw", LocalDate.parse("2019-03-01"),
                        LocalDate.parse("2019-03-01"), 3_000),
                new VehicleRow(3, "01BBN6", "Bedrijfsauto", "N3", "opleggertrekker", LocalDate.parse("2018-01-15"),
                        LocalDate.parse("2018-01-15"), 20_500),
                new VehicleRow(4, "12ABC3", "Personenauto", "M1", "hatchback", LocalDate.parse("2016-05-01"),
                        LocalDate.parse("2016-05-01"), 1_790));
    }

    @Test
    void readsTheBulkDownloadHeaderStyle() throws Exception {
        List<ParsedLine> lines = readAll(Dataset.VEHICLES, VEHICLES_BULK);

        assertThat(lines).containsExactly(
                new VehicleRow(2, "V95JKV", "Bedrijfsauto", "N1", "kipper, neerklapbare zijschotten",
                        LocalDate.parse("2024-12-11"), LocalDate.parse("2024-12-11"), 3_500),
                new VehicleRow(3, "BX12LD", "Bedrijfsauto", "N2", "kraanwagen", LocalDate.parse("2012-04-10"),
                        LocalDate.parse("2015-06-01"), 12_000));
    }

    @Test
    void countsLinesOfQuotedNewlinesAndSkipsBlankLines() throws Exception {
        String csv = """
                kenteken,handelsbenaming,europese_voertuigcategorie,inrichting,datum_eerste_toelating
                AB12CD,"SPRINTER
                LANG, HOOG DAK",N1,gesloten opbouw,20170601

                AB13CD,"CRAFTER ""L3"" 35",N1,gesloten opbouw,2017-06-02
                AB14CD,TRANSIT,N1,,20170603
                """;

        List<ParsedLine> lines = readAll(Dataset.VEHICLES, csv);

        assertThat(lines).extracting(ParsedLine::line).containsExactly(2L, 5L, 6L);
        assertThat(lines).allSatisfy(line -> assertThat(line).isInstanceOf(VehicleRow.class));
        assertThat(((VehicleRow) lines.get(1)).firstAdmission()).isEqualTo("2017-06-02");
        assertThat(((VehicleRow) lines.get(2)).bodyStyle()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "invalid date       | AB12CD,N1,kipper,20191301,3500     | datum_eerste_toelating: '20191301' is not a valid date",
        "not yyyymmdd       | AB12CD,N1,kipper,1-3-2019,3500     | datum_eerste_toelating: '1-3-2019' is not a date (yyyymmdd)",
        "no date            | AB12CD,N1,kipper,,3500             | datum_eerste_toelating: missing",
        "malformed plate    | ABC123,N1,kipper,20190301,3500     | kenteken: 'ABC123' is not a Dutch plate",
        "no plate           | ,N1,kipper,20190301,3500           | kenteken: missing",
        "not a number       | AB12CD,N1,kipper,20190301,heavy    | toegestane_maximum_massa_voertuig: 'heavy' is not a whole number",
        "too few fields     | AB12CD,N1,kipper,20190301          | expected 5 fields as in the header, found 4",
        "too many fields    | AB12CD,N1,kipper,20190301,3500,x   | expected 5 fields as in the header, found 6",
    })
    void rejectsABadLineAndGoesOn(String name, String badLine, String error) throws Exception {
        String csv = "kenteken,europese_voertuigcategorie,inrichting,datum_eerste_toelating,"
                + "toegestane_maximum_massa_voertuig\n" + badLine + "\nAB99CD,N1,kipper,20190301,\"3,100\"\n";

        List<ParsedLine> lines = readAll(Dataset.VEHICLES, csv);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(new Rejection(2, error));
        assertThat(lines.get(1)).isInstanceOf(VehicleRow.class).extracting(ParsedLine::line).isEqualTo(3L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2019-03-01T00:00:00.000 | 2019-03-01",
        "2019-03-01              | 2019-03-01",
        "2019-03-01 00:00:00     | 2019-03-01",
        "20190301                | 2019-03-01",
    })
    void readsTheIsoDateFieldWhenThePlainOneIsAbsent(String value, LocalDate expected) throws Exception {
        String csv = "kenteken,europese_voertuigcategorie,inrichting,datum_eerste_toelating_dt\n"
                + "AB12CD,N1,kipper," + value + "\n";

        assertThat(readAll(Dataset.VEHICLES, csv)).singleElement()
                .isInstanceOfSatisfying(VehicleRow.class, row -> assertThat(row.firstAdmission()).isEqualTo(expected));
    }

    @Test
    void readsNumbersWithThousandsSeparatorsAndZeroFractions() throws Exception {
        String csv = "kenteken,europese_voertuigcategorie,inrichting,datum_eerste_toelating,"
                + "toegestane_maximum_massa_voertuig\n"
                + "AB12CD,N1,kipper,20190301,\"1,796\"\n"
                + "AB13CD,N3,kipper,20190301,\"40,000.00\"\n"
                + "AB14CD,N3,kipper,20190301,\n";

        assertThat(readAll(Dataset.VEHICLES, csv)).extracting(line -> ((VehicleRow) line).maximumMassKg())
                .containsExactly(1_796, 40_000, null);
    }

    @Test
    void readsFuelsTakingTheEmissionClassFromEitherColumn() throws Exception {
        String csv = """
                kenteken,brandstof_volgnummer,brandstof_omschrijving,brandstofverbruik_gecombineerd,\
                emissiecode_omschrijving,uitlaatemissieniveau,co2_uitstoot_gecombineerd
                VGK54B,1,Diesel,"7,1",6,EURO 6 AP,187
                01BBN6,1,Diesel,,,EURO VI C,
                V95JKV,1,Elektriciteit,,Z,,0
                J123BC,1,Benzine,,6,EURO 6 D,25
                J123BC,2,Elektriciteit,,Z,,
                AB12CD,1,Diesel,,,,
                AB13CD,,Diesel,,5,,
                AB14CD,1,,,5,,
                """;

        assertThat(readAll(Dataset.FUELS, csv)).containsExactly(
                new FuelRow(2, "VGK54B", 1, "Diesel", EmissionClass.EURO_6),
                new FuelRow(3, "01BBN6", 1, "Diesel", EmissionClass.EURO_6),
                new FuelRow(4, "V95JKV", 1, "Elektriciteit", EmissionClass.ZERO),
                new FuelRow(5, "J123BC", 1, "Benzine", EmissionClass.EURO_6),
                new FuelRow(6, "J123BC", 2, "Elektriciteit", EmissionClass.ZERO),
                new FuelRow(7, "AB12CD", 1, "Diesel", EmissionClass.UNKNOWN),
                new Rejection(8, "brandstof_volgnummer: missing"),
                new Rejection(9, "brandstof_omschrijving: missing"));
    }

    @Test
    void readsEachBodyExport() throws Exception {
        String specification = """
                kenteken,carrosserie_volgnummer,carrosserie_voertuig_nummer_code_volgnummer,carrosseriecode,\
                carrosserie_voertuig_nummer_europese_omschrijving
                BX12LD,1,1,26,Kraanwagen
                BX13LD,1,1,27,Hoogwerker
                """;
        String bodyTypes = """
                Kenteken,Carrosserie volgnummer,Carrosserietype,Type Carrosserie Europese omschrijving
                VGK54B,1,BB,Bestelwagen
                12ABC3,1,sh,Rolstoeltoegankelijk voertuig
                """;
        String remarks = """
                kenteken,bijzonderheid_volgnummer,bijzonderheid_code,bijzonderheid_variabele_tekst
                VGK55B,1,145,
                VGK56B,1,,
                """;

        assertThat(readAll(Dataset.BODIES, specification)).containsExactly(
                new BodyRow(2, "BX12LD", "26", null, null), new BodyRow(3, "BX13LD", "27", null, null));
        assertThat(readAll(Dataset.BODIES, bodyTypes)).containsExactly(
                new BodyRow(2, "VGK54B", null, "BB", null), new BodyRow(3, "12ABC3", null, "SH", null));
        assertThat(readAll(Dataset.BODIES, remarks)).containsExactly(
                new BodyRow(2, "VGK55B", null, null, "145"),
                new Rejection(3, "carrosseriecode: no body code, body type or remark code"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "VEHICLES | kenteken,merk,europese_voertuigcategorie,datum_eerste_toelating | inrichting",
        "VEHICLES | Kenteken,Inrichting,Europese voertuigcategorie                 | datum_eerste_toelating or datum_eerste_toelating_dt",
        "VEHICLES | merk,handelsbenaming                                            | kenteken;europese_voertuigcategorie;inrichting;datum_eerste_toelating or datum_eerste_toelating_dt",
        "FUELS    | kenteken,brandstof_volgnummer,brandstof_omschrijving           | emissiecode_omschrijving or uitlaatemissieniveau",
        "FUELS    | kenteken,brandstof_omschrijving,emissiecode_omschrijving       | brandstof_volgnummer",
        "BODIES   | kenteken,carrosserie_volgnummer                                 | carrosseriecode or carrosserietype or bijzonderheid_code",
        "BODIES   | ''                                                              | kenteken;carrosseriecode or carrosserietype or bijzonderheid_code",
    })
    void refusesAnExportWithoutARequiredColumnBeforeReadingALine(Dataset dataset, String header, String missing) {
        String csv = header + "\nAB12CD,x,y,z\n";

        assertThatThrownBy(() -> RdwCsvReader.open(dataset, new StringReader(csv)))
                .isInstanceOfSatisfying(MissingColumnException.class,
                        e -> assertThat(e.missing()).containsExactly(missing.split(";")))
                .hasMessageStartingWith("missing required column");
    }

    @Test
    void refusesAnEmptyExport() {
        assertThatThrownBy(() -> RdwCsvReader.open(Dataset.FUELS, new StringReader("")))
                .isInstanceOf(MissingColumnException.class);
    }

    @Test
    void stopsAtACsvSyntaxErrorWithARejection() throws Exception {
        String csv = """
                kenteken,europese_voertuigcategorie,inrichting,datum_eerste_toelating
                AB12CD,N1,kipper,20190301
                AB13CD,N1,"kipper" x,20190301
                AB14CD,N1,kipper,20190301
                """;

        List<ParsedLine> lines = readAll(Dataset.VEHICLES, csv);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isInstanceOf(VehicleRow.class);
        assertThat(lines.get(1)).isInstanceOfSatisfying(Rejection.class, rejection -> {
            assertThat(rejection.line()).isEqualTo(3);
            assertThat(rejection.error()).startsWith("malformed CSV, import stopped here");
        });
    }

    @Test
    void handsOutChunks() throws Exception {
        StringBuilder csv = new StringBuilder("kenteken,brandstof_volgnummer,brandstof_omschrijving,"
                + "emissiecode_omschrijving\n");
        for (int i = 10; i < 22; i++) {
            csv.append("AB").append(i).append("CD,1,Diesel,6\n");
        }
        try (RdwCsvReader reader = RdwCsvReader.open(Dataset.FUELS, new StringReader(csv.toString()))) {
            assertThat(reader.nextChunk(5)).hasSize(5).first().extracting(ParsedLine::line).isEqualTo(2L);
            assertThat(reader.nextChunk(5)).hasSize(5).first().extracting(ParsedLine::line).isEqualTo(7L);
            assertThat(reader.nextChunk(5)).hasSize(2).last().extracting(ParsedLine::line).isEqualTo(13L);
            assertThat(reader.nextChunk(5)).isEmpty();
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"vehicles, VEHICLES", "fuels, FUELS", "bodies, BODIES",
        "Vehicles, NULL", "cars, NULL"})
    void namesDatasetsAsTheImportParameter(String parameter, Dataset dataset) {
        assertThat(Dataset.fromParameter(parameter)).isEqualTo(Optional.ofNullable(dataset));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Datum eerste toelating       | datum_eerste_toelating",
        "datum_eerste_toelating       | datum_eerste_toelating",
        "' DATUM  EERSTE TOELATING '  | datum_eerste_toelating",
        "\uFEFFKenteken               | kenteken",
    })
    void matchesHeadersCaseInsensitivelyWithSpacesAsUnderscores(String header, String name) {
        assertThat(Columns.normalise(header)).isEqualTo(name);
    }

    static List<ParsedLine> readAll(Dataset dataset, String csv) throws IOException, MissingColumnException {
        List<ParsedLine> lines = new ArrayList<>();
        try (RdwCsvReader reader = RdwCsvReader.open(dataset, new StringReader(csv))) {
            reader.forEachRemaining(lines::add);
        }
        return lines;
    }
}
