package nl.zes.exemption.domain;

import static nl.zes.exemption.domain.AccessDecision.Basis.DAY_EXEMPTION;
import static nl.zes.exemption.domain.AccessDecision.Basis.EXEMPTION;
import static nl.zes.exemption.domain.AccessDecision.Basis.FOREIGN_NOT_ENFORCEABLE;
import static nl.zes.exemption.domain.AccessDecision.Basis.NONE;
import static nl.zes.exemption.domain.AccessDecision.Basis.NOT_IN_SCOPE;
import static nl.zes.exemption.domain.AccessDecision.Basis.TRANSITION;
import static nl.zes.exemption.domain.AccessDecision.Basis.UNRESOLVED;
import static nl.zes.exemption.domain.AccessDecision.Basis.VRIJSTELLING;
import static nl.zes.exemption.domain.AccessDecision.Basis.ZERO_EMISSION;
import static nl.zes.exemption.domain.AccessDecision.Basis.ZONE_NOT_ACTIVE;
import static nl.zes.exemption.domain.TestVehicles.car;
import static nl.zes.exemption.domain.TestVehicles.rigid;
import static nl.zes.exemption.domain.TestVehicles.tractor;
import static nl.zes.exemption.domain.TestVehicles.van;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.zes.exemption.domain.AccessDecision.Basis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessRulesTest {

    private static final Policy POLICY = Policy.defaults();
    /** One instance for the whole table, so that its per-day cache sees days in every order. */
    private static final AccessRules RULES = new AccessRules(POLICY);
    private static final String ZONE_START = "2025-01-01";

    static Stream<Arguments> rules() {
        return Stream.of(
                // NOT_IN_SCOPE comes before everything, also before the zone starts and after 2030
                row("passenger car", pass(car("2010-01-01")).on("2025-06-01"),
                        true, NOT_IN_SCOPE, "NOT_IN_SCOPE", null),
                row("passenger car before the zone starts", pass(car("2010-01-01")).on("2024-06-01"),
                        true, NOT_IN_SCOPE, "NOT_IN_SCOPE", null),
                row("passenger car after 2030", pass(car("2010-01-01")).on("2031-06-01"),
                        true, NOT_IN_SCOPE, "NOT_IN_SCOPE", null),

                // ZONE_NOT_ACTIVE around a zone's start date
                row("zone start: day before", pass(van("4", "2010-01-01")).zone("2025-07-01").on("2025-06-30"),
                        true, ZONE_NOT_ACTIVE, "ZONE_NOT_ACTIVE", "2025-07-01"),
                row("zone start: day of", pass(van("4", "2010-01-01")).zone("2025-07-01").on("2025-07-01"),
                        false, NONE, "VAN_OLD", null),
                row("zone start: day after", pass(van("4", "2010-01-01")).zone("2025-07-01").on("2025-07-02"),
                        false, NONE, "VAN_OLD", null),
                row("no zone with a start date", pass(van("4", "2010-01-01")).noZone().on("2026-01-01"),
                        true, ZONE_NOT_ACTIVE, "ZONE_NOT_ACTIVE", null),

                // ZERO_EMISSION
                row("electric van", pass(van("Z", "2025-05-01").fuels("Elektriciteit")).on("2031-01-01"),
                        true, ZERO_EMISSION, "ZERO_EMISSION", null),
                row("hydrogen truck", pass(rigid("", "2024-05-01").fuels("Waterstof")).on("2026-01-01"),
                        true, ZERO_EMISSION, "ZERO_EMISSION", null),
                row("plug-in hybrid van is not zero-emission",
                        pass(van("6", "2019-03-01").fuels("Benzine", "Elektriciteit")).on("2026-01-01"),
                        true, TRANSITION, "VAN_EK6", "2028-01-01"),
                row("van without fuel rows", pass(van("", "2019-03-01").fuels()).on("2026-01-01"),
                        false, NONE, "VAN_OLD", null),

                // NEW_2025 around 2025-01-01
                row("van DET day before 2025", pass(van("6", "2024-12-31")).on("2025-06-01"),
                        true, TRANSITION, "VAN_EK6", "2028-01-01"),
                row("van DET 2025-01-01", pass(van("6", "2025-01-01")).on("2025-06-01"),
                        false, NONE, "NEW_2025", null),
                row("van DET day after 2025", pass(van("6", "2025-01-02")).on("2025-06-01"),
                        false, NONE, "NEW_2025", null),
                row("tractor DET day before 2025", pass(tractor("VI", "2024-12-31")).on("2025-06-01"),
                        true, TRANSITION, "TRACTOR_EK6", "2030-01-01"),
                row("tractor DET 2025-01-01", pass(tractor("VI", "2025-01-01")).on("2025-06-01"),
                        false, NONE, "NEW_2025", null),
                row("imported van: DET counts by default",
                        pass(van("6", "2023-05-01").firstRegistrationNl("2025-02-01")).on("2025-06-01"),
                        true, TRANSITION, "VAN_EK6", "2028-01-01"),

                // VAN_EK5 around 2027-01-01
                row("van class 5: day before 2027", pass(van("5", "2015-06-01")).on("2026-12-31"),
                        true, TRANSITION, "VAN_EK5", "2027-01-01"),
                row("van class 5: 2027-01-01", pass(van("5", "2015-06-01")).on("2027-01-01"),
                        false, NONE, "VAN_EK5", null),
                row("van class 5: day after 2027", pass(van("5", "2015-06-01")).on("2027-01-02"),
                        false, NONE, "VAN_EK5", null),
                row("van EURO V notation", pass(van("EURO V", "2012-06-01")).on("2025-01-01"),
                        true, TRANSITION, "VAN_EK5", "2027-01-01"),

                // VAN_EK6 around the EK6 end, 2028-01-01 by default
                row("van class 6: day before EK6 end", pass(van("6", "2019-03-01")).on("2027-12-31"),
                        true, TRANSITION, "VAN_EK6", "2028-01-01"),
                row("van class 6: EK6 end", pass(van("6", "2019-03-01")).on("2028-01-01"),
                        false, NONE, "VAN_EK6", null),
                row("van class 6: day after EK6 end", pass(van("6", "2019-03-01")).on("2028-01-02"),
                        false, NONE, "VAN_EK6", null),

                // VAN_OLD
                row("van class 4", pass(van("4", "2008-01-01")).on("2025-03-01"), false, NONE, "VAN_OLD", null),
                row("van class 0", pass(van("0", "1990-01-01")).on("2025-03-01"), false, NONE, "VAN_OLD", null),
                row("van with unknown class", pass(van("", "2019-03-01")).on("2025-03-01"),
                        false, NONE, "VAN_OLD", null),

                // TRACTOR_EK6
                row("tractor DET day before 2017", pass(tractor("VI", "2016-12-31")).on("2025-06-01"),
                        false, NONE, "TRUCK_OLD", null),
                row("tractor DET 2017-01-01", pass(tractor("VI", "2017-01-01")).on("2025-06-01"),
                        true, TRANSITION, "TRACTOR_EK6", "2030-01-01"),
                row("tractor DET day after 2017", pass(tractor("VI", "2017-01-02")).on("2025-06-01"),
                        true, TRANSITION, "TRACTOR_EK6", "2030-01-01"),
                row("tractor class V", pass(tractor("V", "2020-01-01")).on("2025-06-01"),
                        false, NONE, "TRUCK_OLD", null),
                row("tractor with unknown class", pass(tractor("", "2020-01-01")).on("2025-06-01"),
                        false, NONE, "TRUCK_OLD", null),

                // RIGID_EK6 and RIGID_EK6_OLD
                row("rigid DET day before 2020", pass(rigid("VI", "2019-12-31")).on("2025-06-01"),
                        true, TRANSITION, "RIGID_EK6_OLD", "2028-01-01"),
                row("rigid DET 2020-01-01", pass(rigid("VI", "2020-01-01")).on("2025-06-01"),
                        true, TRANSITION, "RIGID_EK6", "2030-01-01"),
                row("rigid DET day after 2020", pass(rigid("VI", "2020-01-02")).on("2025-06-01"),
                        true, TRANSITION, "RIGID_EK6", "2030-01-01"),
                row("rigid DET day before 2017", pass(rigid("VI", "2016-12-31")).on("2025-06-01"),
                        false, NONE, "TRUCK_OLD", null),
                row("rigid DET 2017-01-01", pass(rigid("VI", "2017-01-01")).on("2025-06-01"),
                        true, TRANSITION, "RIGID_EK6_OLD", "2028-01-01"),
                row("rigid EK6 old: day before 2028", pass(rigid("VI", "2018-06-01")).on("2027-12-31"),
                        true, TRANSITION, "RIGID_EK6_OLD", "2028-01-01"),
                row("rigid EK6 old: 2028-01-01", pass(rigid("VI", "2018-06-01")).on("2028-01-01"),
                        false, NONE, "RIGID_EK6_OLD", null),
                row("rigid EK6 old: day after 2028", pass(rigid("VI", "2018-06-01")).on("2028-01-02"),
                        false, NONE, "RIGID_EK6_OLD", null),
                row("rigid class V", pass(rigid("5", "2021-01-01")).on("2025-06-01"),
                        false, NONE, "TRUCK_OLD", null),

                // END_2030 around 2030-01-01
                row("tractor: day before 2030", pass(tractor("VI", "2018-01-01")).on("2029-12-31"),
                        true, TRANSITION, "TRACTOR_EK6", "2030-01-01"),
                row("tractor: 2030-01-01", pass(tractor("VI", "2018-01-01")).on("2030-01-01"),
                        false, NONE, "END_2030", null),
                row("tractor: day after 2030", pass(tractor("VI", "2018-01-01")).on("2030-01-02"),
                        false, NONE, "END_2030", null),
                row("rigid EK6: 2030-01-01", pass(rigid("VI", "2021-01-01")).on("2030-01-01"),
                        false, NONE, "END_2030", null),
                row("van class 6 after 2030", pass(van("6", "2019-01-01")).on("2030-01-01"),
                        false, NONE, "END_2030", null),
                row("historic van: day before 2030", pass(van("", "1970-01-01")).on("2029-12-31"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2030-01-01"),
                row("historic van: 2030-01-01", pass(van("", "1970-01-01")).on("2030-01-01"),
                        false, NONE, "END_2030", null),

                // VRIJSTELLING: 40th birthday
                row("40th birthday: day before", pass(van("", "1985-06-15")).on("2025-06-14"),
                        false, NONE, "VAN_OLD", null),
                row("40th birthday: day of", pass(van("", "1985-06-15")).on("2025-06-15"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2030-01-01"),
                row("40th birthday: day after", pass(van("", "1985-06-15")).on("2025-06-16"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2030-01-01"),
                row("historic truck", pass(rigid("", "1980-01-01")).on("2025-06-01"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2030-01-01"),
                row("40th birthday of a leap day: 28 Feb", pass(van("", "1988-02-29")).on("2028-02-28"),
                        false, NONE, "VAN_OLD", null),
                row("40th birthday of a leap day: 29 Feb", pass(van("", "1988-02-29")).on("2028-02-29"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2030-01-01"),

                // VRIJSTELLING: wheelchair vans
                row("wheelchair van SH", pass(van("4", "2010-01-01").bodyCodes("SH")).on("2025-06-01"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2030-01-01"),
                row("wheelchair van remark 147", pass(van("3", "2003-01-01").remarkCodes("147")).on("2025-06-01"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2030-01-01"),
                row("new wheelchair van", pass(van("6", "2025-03-01").bodyCodes("SH")).on("2025-06-01"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2030-01-01"),
                row("remark 70 is not a wheelchair code", pass(van("4", "2010-01-01").remarkCodes("70"))
                        .on("2025-06-01"), false, NONE, "VAN_OLD", null),
                row("wheelchair code on a truck", pass(rigid("V", "2012-01-01").bodyCodes("SH")).on("2025-06-01"),
                        false, NONE, "TRUCK_OLD", null),
                row("wheelchair van: 2030-01-01", pass(van("4", "2010-01-01").bodyCodes("SH")).on("2030-01-01"),
                        false, NONE, "END_2030", null),

                // VRIJSTELLING: special trucks until their 13th birthday
                row("13th birthday: day before", pass(rigid("V", "2013-04-10").bodyCodes("26")).on("2026-04-09"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2026-04-10"),
                row("13th birthday: day of", pass(rigid("V", "2013-04-10").bodyCodes("26")).on("2026-04-10"),
                        false, NONE, "TRUCK_OLD", null),
                row("13th birthday: day after", pass(rigid("V", "2013-04-10").bodyCodes("26")).on("2026-04-11"),
                        false, NONE, "TRUCK_OLD", null),
                row("13th birthday of a leap day: 27 Feb",
                        pass(rigid("V", "2012-02-29").bodyCodes("15")).on("2025-02-27"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2025-02-28"),
                row("13th birthday of a leap day: 28 Feb",
                        pass(rigid("V", "2012-02-29").bodyCodes("15")).on("2025-02-28"),
                        false, NONE, "TRUCK_OLD", null),
                row("armoured truck SB", pass(tractor("V", "2015-01-01").bodyCodes("SB")).on("2025-06-01"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2028-01-01"),
                row("mobile crane SF", pass(rigid("", "2016-05-01").bodyCodes("SF")).on("2025-06-01"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2029-05-01"),
                row("new special truck", pass(rigid("VI", "2025-02-01").bodyCodes("31")).on("2025-06-01"),
                        true, VRIJSTELLING, "VRIJSTELLING", "2030-01-01"),
                row("special truck capped at 2030", pass(rigid("VI", "2020-01-01").bodyCodes("27"))
                        .on("2029-12-31"), true, VRIJSTELLING, "VRIJSTELLING", "2030-01-01"),
                row("special truck: 2030-01-01", pass(rigid("VI", "2020-01-01").bodyCodes("27")).on("2030-01-01"),
                        false, NONE, "END_2030", null),
                row("body code 26 on a van is not special", pass(van("4", "2015-01-01").bodyCodes("26"))
                        .on("2025-06-01"), false, NONE, "VAN_OLD", null),
                row("other body code", pass(rigid("V", "2015-01-01").bodyCodes("10")).on("2025-06-01"),
                        false, NONE, "TRUCK_OLD", null),

                // Exemptions: validity boundaries, precedence
                row("exemption: day before it starts", pass(van("4", "2010-01-01"))
                        .exemption("EX-1", "2025-03-01", "2026-03-01").on("2025-02-28"),
                        false, NONE, "VAN_OLD", null),
                row("exemption: first day", pass(van("4", "2010-01-01"))
                        .exemption("EX-1", "2025-03-01", "2026-03-01").on("2025-03-01"),
                        true, EXEMPTION, "EXEMPTION", "2026-03-01"),
                row("exemption: last day", pass(van("4", "2010-01-01"))
                        .exemption("EX-1", "2025-03-01", "2026-03-01").on("2026-02-28"),
                        true, EXEMPTION, "EXEMPTION", "2026-03-01"),
                row("exemption: its end", pass(van("4", "2010-01-01"))
                        .exemption("EX-1", "2025-03-01", "2026-03-01").on("2026-03-01"),
                        false, NONE, "VAN_OLD", null),
                row("the rules win over an exemption", pass(van("6", "2019-01-01"))
                        .exemption("EX-1", "2025-03-01", "2026-03-01").on("2025-06-01"),
                        true, TRANSITION, "VAN_EK6", "2028-01-01"),
                row("exemption after 2030", pass(rigid("VI", "2026-02-01"))
                        .exemption("EX-2", "2026-03-01", "2039-02-01").on("2031-06-01"),
                        true, EXEMPTION, "EXEMPTION", "2039-02-01"),
                row("the longest of two exemptions", pass(van("4", "2010-01-01"))
                        .exemption("EX-1", "2025-01-01", "2026-01-01")
                        .exemption("EX-2", "2025-01-01", "2030-01-01").on("2025-06-01"),
                        true, EXEMPTION, "EXEMPTION", "2030-01-01"),
                row("an exemption wins over a day exemption", pass(van("4", "2010-01-01"))
                        .exemption("EX-1", "2025-01-01", "2026-01-01").dayExemption("2025-06-01").on("2025-06-01"),
                        true, EXEMPTION, "EXEMPTION", "2026-01-01"),

                // Day exemptions: 00:00 until 06:00 the next day
                row("day exemption: a minute before", pass(van("4", "2010-01-01")).dayExemption("2025-03-10")
                        .atLocal("2025-03-09", "23:59"), false, NONE, "VAN_OLD", null),
                row("day exemption: midnight", pass(van("4", "2010-01-01")).dayExemption("2025-03-10")
                        .atLocal("2025-03-10", "00:00"), true, DAY_EXEMPTION, "DAY_EXEMPTION", "2025-03-11T05:00:00Z"),
                row("day exemption: 05:59 next day", pass(van("4", "2010-01-01")).dayExemption("2025-03-10")
                        .atLocal("2025-03-11", "05:59"), true, DAY_EXEMPTION, "DAY_EXEMPTION", "2025-03-11T05:00:00Z"),
                row("day exemption: 06:00 next day", pass(van("4", "2010-01-01")).dayExemption("2025-03-10")
                        .atLocal("2025-03-11", "06:00"), false, NONE, "VAN_OLD", null),
                row("day exemption of another day", pass(van("4", "2010-01-01")).dayExemption("2025-03-12")
                        .on("2025-03-10"), false, NONE, "VAN_OLD", null),

                // Foreign and unresolved plates
                row("foreign plate", pass(null).foreign().on("2025-06-01"),
                        false, FOREIGN_NOT_ENFORCEABLE, "FOREIGN", null),
                row("foreign plate before the zone starts", pass(null).foreign().zone("2025-07-01").on("2025-06-01"),
                        true, ZONE_NOT_ACTIVE, "ZONE_NOT_ACTIVE", "2025-07-01"),
                row("foreign plate: the register is not consulted", pass(van("Z", "2024-01-01")
                        .fuels("Elektriciteit")).foreign().on("2025-06-01"),
                        false, FOREIGN_NOT_ENFORCEABLE, "FOREIGN", null),
                row("foreign plate with a day exemption", pass(null).foreign().dayExemption("2025-06-01")
                        .on("2025-06-01"), true, DAY_EXEMPTION, "DAY_EXEMPTION", "2025-06-02T04:00:00Z"),
                row("unknown Dutch plate", pass(null).on("2025-06-01"), false, UNRESOLVED, "UNRESOLVED", null),
                row("unknown Dutch plate with an exemption", pass(null)
                        .exemption("EX-3", "2025-01-01", "2026-01-01").on("2025-06-01"),
                        true, EXEMPTION, "EXEMPTION", "2026-01-01"),

                // Europe/Amsterdam midnight: the local date decides, in winter (UTC+1) and summer (UTC+2)
                row("23:30 local on 2026-12-31", pass(van("5", "2015-06-01")).at("2026-12-31T22:30:00Z"),
                        true, TRANSITION, "VAN_EK5", "2027-01-01"),
                row("2026-12-31T23:30Z is 2027-01-01 in Amsterdam", pass(van("5", "2015-06-01"))
                        .at("2026-12-31T23:30:00Z"), false, NONE, "VAN_EK5", null),
                row("last second before a winter zone start", pass(van("4", "2010-01-01"))
                        .at("2024-12-31T22:59:59Z"), true, ZONE_NOT_ACTIVE, "ZONE_NOT_ACTIVE", "2025-01-01"),
                row("first second of a winter zone start", pass(van("4", "2010-01-01"))
                        .at("2024-12-31T23:00:00Z"), false, NONE, "VAN_OLD", null),
                row("last minute before a summer zone start", pass(van("4", "2010-01-01")).zone("2025-07-01")
                        .at("2025-06-30T21:59:00Z"), true, ZONE_NOT_ACTIVE, "ZONE_NOT_ACTIVE", "2025-07-01"),
                row("first minute of a summer zone start", pass(van("4", "2010-01-01")).zone("2025-07-01")
                        .at("2025-06-30T22:00:00Z"), false, NONE, "VAN_OLD", null),
                row("2029-12-31T23:00Z is 2030 in Amsterdam", pass(tractor("VI", "2018-01-01"))
                        .at("2029-12-31T23:00:00Z"), false, NONE, "END_2030", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decidesByTheFirstMatchingRule(String name, Passage passage, Expected expected) {
        AccessDecision decision = passage.decideWith(RULES);

        assertThat(decision.allowed()).as("allowed").isEqualTo(expected.allowed);
        assertThat(decision.basis()).as("basis").isEqualTo(expected.basis);
        assertThat(decision.ruleId()).as("rule").isEqualTo(expected.rule);
        assertThat(decision.allowedUntil()).as("allowedUntil").isEqualTo(expected.allowedUntil);
        assertThat(decision.explanation()).as("one sentence").matches("[A-Z][^\\n]*\\.").doesNotContain(". ");
        if (expected.basis == EXEMPTION || expected.basis == DAY_EXEMPTION) {
            assertThat(decision.exemptionId()).isNotNull().isIn(passage.grantIds());
        } else {
            assertThat(decision.exemptionId()).isNull();
        }
    }

    @Test
    void explainsInPlainWords() {
        LocalDate day = LocalDate.parse("2026-05-01");
        assertThat(explain(van("6", "2019-03-01"), day)).isEqualTo(
                "Van with emission class 6 first admitted before 2025-01-01 may enter until 2028-01-01 "
                        + "under transition rule VAN_EK6.");
        assertThat(explain(van("5", "2016-03-01"), LocalDate.parse("2027-03-01"))).isEqualTo(
                "Van with emission class 5 first admitted before 2025-01-01 could enter only until 2027-01-01 "
                        + "under transition rule VAN_EK5; that period has ended.");
        assertThat(explain(rigid("VI", "2018-03-01"), day)).isEqualTo(
                "Rigid truck with emission class VI first admitted from 2017-01-01 to 2019-12-31 may enter until "
                        + "2028-01-01 under transition rule RIGID_EK6_OLD.");
        assertThat(explain(tractor("VI", "2015-03-01"), day)).isEqualTo(
                "Tractor unit with emission class VI first admitted before 2017-01-01 may not enter (rule TRUCK_OLD).");
        assertThat(explain(van("", "2012-03-01"), day)).isEqualTo(
                "Van with no registered emission class may not enter: a van needs emission class 5 or 6 for a "
                        + "transition rule (rule VAN_OLD).");
        assertThat(explain(rigid("V", "2014-05-01").bodyCodes("16"), day)).isEqualTo(
                "Special-purpose truck first admitted 2014-05-01 is exempt (vrijstelling) until 2027-05-01, "
                        + "when it turns 13.");
        assertThat(explain(van("4", "1980-07-01"), day)).isEqualTo(
                "Van first admitted 1980-07-01 is 40 years or older and is exempt (vrijstelling) until 2030-01-01.");
        AccessDecision exempted = pass(van("4", "2010-01-01")).exemption("EX-9", "2026-01-01", "2027-01-01")
                .on("2026-05-01").decideWith(RULES);
        assertThat(exempted.explanation()).isEqualTo(
                "Exemption EX-9 (HARDSHIP) allows this vehicle to enter until 2027-01-01, "
                        + "although rule VAN_OLD does not.");
        AccessDecision dayExempted = pass(van("4", "2010-01-01")).dayExemption("2026-05-01")
                .on("2026-05-01").decideWith(RULES);
        assertThat(dayExempted.explanation()).isEqualTo(
                "Day exemption DAY-2026-05-01 for 2026-05-01 allows this vehicle to enter until 06:00 on 2026-05-02, "
                        + "although rule VAN_OLD does not.");
    }

    @Test
    void sharesTheDecisionsOfCommonCases() {
        AccessDecision first = pass(van("6", "2019-03-01")).on("2026-05-01").decideWith(RULES);
        AccessDecision second = pass(van("6", "2021-11-30")).on("2026-05-02").decideWith(RULES);
        assertThat(second).isSameAs(first);
    }

    @Test
    void theEk6EndIsAParameter() throws IOException {
        AccessRules rules = new AccessRules(policy("{\"access\": {\"vanEk6End\": \"2029-01-01\"}}"));
        Passage van6 = pass(van("6", "2019-03-01"));
        assertThat(van6.on("2028-12-31").decideWith(rules))
                .extracting(AccessDecision::allowed, AccessDecision::ruleId, AccessDecision::allowedUntil)
                .containsExactly(true, "VAN_EK6", Amsterdam.startOfDay(LocalDate.parse("2029-01-01")));
        assertThat(van6.on("2029-01-01").decideWith(rules))
                .extracting(AccessDecision::allowed, AccessDecision::ruleId)
                .containsExactly(false, "VAN_EK6");
    }

    @Test
    void importsCanCountByFirstDutchRegistration() throws IOException {
        AccessRules rules = new AccessRules(policy("{\"access\": {\"newVehicleDate\": \"FIRST_REGISTRATION_NL\"}}"));
        AccessDecision imported = pass(van("6", "2023-05-01").firstRegistrationNl("2025-02-01"))
                .on("2025-06-01").decideWith(rules);
        AccessDecision domestic = pass(van("6", "2023-05-01").firstRegistrationNl("2023-05-01"))
                .on("2025-06-01").decideWith(rules);
        AccessDecision unknownRegistration = pass(van("6", "2023-05-01")).on("2025-06-01").decideWith(rules);

        assertThat(imported.ruleId()).isEqualTo("NEW_2025");
        assertThat(imported.explanation()).contains("first registered in the Netherlands on or after 2025-01-01");
        assertThat(domestic.ruleId()).isEqualTo("VAN_EK6");
        assertThat(unknownRegistration.ruleId()).isEqualTo("VAN_EK6");
    }

    @Test
    void derivesAMissingEmissionClassFromThePolicyTable() throws IOException {
        AccessRules rules = new AccessRules(policy("""
                {"access": {"emissionClassDerivation": [
                  {"kind": "VAN", "firstAdmissionFrom": "2015-09-01", "firstAdmissionUntil": "2025-01-01",
                   "maximumMassFromKg": null, "maximumMassUntilKg": 3501, "emissionClass": "6"}
                ]}}"""));
        AccessDecision derived = pass(van("", "2016-01-01").maximumMassKg(3_000)).on("2025-06-01").decideWith(rules);
        AccessDecision tooOld = pass(van("", "2015-08-31").maximumMassKg(3_000)).on("2025-06-01").decideWith(rules);
        AccessDecision massUnknown = pass(van("", "2016-01-01")).on("2025-06-01").decideWith(rules);
        AccessDecision registered = pass(van("4", "2016-01-01").maximumMassKg(3_000)).on("2025-06-01")
                .decideWith(rules);

        assertThat(derived.ruleId()).isEqualTo("VAN_EK6");
        assertThat(derived.allowed()).isTrue();
        assertThat(derived.explanation()).contains("emission class 6 (derived: none is registered)");
        assertThat(tooOld.ruleId()).isEqualTo("VAN_OLD");
        assertThat(massUnknown.ruleId()).isEqualTo("VAN_OLD");
        assertThat(registered.ruleId()).isEqualTo("VAN_OLD");
    }

    @Test
    void aVehicleTurnsItsAgeOnTheSameDateOrOnTheLastOfFebruary() {
        assertThat(AccessRules.admittedBy(LocalDate.parse("2025-06-15"), 40)).isEqualTo("1985-06-15");
        assertThat(AccessRules.admittedBy(LocalDate.parse("2025-02-28"), 13)).isEqualTo("2012-02-29");
        assertThat(AccessRules.admittedBy(LocalDate.parse("2024-02-28"), 12)).isEqualTo("2012-02-28");
        assertThat(AccessRules.admittedBy(LocalDate.parse("2024-02-29"), 13)).isEqualTo("2011-02-28");
        for (LocalDate admitted = LocalDate.parse("2011-01-01"); admitted.isBefore(LocalDate.parse("2013-12-31"));
                admitted = admitted.plusDays(1)) {
            for (int years : new int[] {12, 13, 40}) {
                LocalDate birthday = admitted.plusYears(years);
                assertThat(admitted).isAfter(AccessRules.admittedBy(birthday.minusDays(1), years));
                assertThat(admitted).isBeforeOrEqualTo(AccessRules.admittedBy(birthday, years));
            }
        }
    }

    private static String explain(TestVehicles.Builder vehicle, LocalDate day) {
        return pass(vehicle).on(day.toString()).decideWith(RULES).explanation();
    }

    private static Policy policy(String json) throws IOException {
        return Policy.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static Arguments row(String name, Passage passage, boolean allowed, Basis basis, String rule,
            String allowedUntil) {
        Instant until = allowedUntil == null ? null
                : allowedUntil.contains("T") ? Instant.parse(allowedUntil)
                : Amsterdam.startOfDay(LocalDate.parse(allowedUntil));
        return Arguments.of(name, passage, new Expected(allowed, basis, rule, until));
    }

    private static Passage pass(TestVehicles.Builder vehicle) {
        return new Passage(vehicle == null ? null : vehicle.build());
    }

    record Expected(boolean allowed, Basis basis, String rule, Instant allowedUntil) {
    }

    /** A passage to decide: vehicle, zone, moment and grants; domestic, zone from 2025-01-01 unless told. */
    static final class Passage {
        private final Vehicle vehicle;
        private boolean foreign;
        private LocalDate zoneStart = LocalDate.parse(ZONE_START);
        private Instant at;
        private final List<ExemptionGrant> exemptions = new ArrayList<>();
        private final List<DayExemptionGrant> dayExemptions = new ArrayList<>();

        Passage(Vehicle vehicle) {
            this.vehicle = vehicle;
        }

        Passage foreign() {
            foreign = true;
            return this;
        }

        Passage zone(String start) {
            zoneStart = LocalDate.parse(start);
            return this;
        }

        Passage noZone() {
            zoneStart = null;
            return this;
        }

        /** At noon, Amsterdam time. */
        Passage on(String date) {
            return atLocal(date, "12:00");
        }

        Passage atLocal(String date, String time) {
            at = LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(Amsterdam.ZONE).toInstant();
            return this;
        }

        Passage at(String instant) {
            at = Instant.parse(instant);
            return this;
        }

        Passage exemption(String id, String validFrom, String validUntil) {
            exemptions.add(new ExemptionGrant(id, ExemptionType.HARDSHIP, Scope.LOCAL,
                    LocalDate.parse(validFrom), LocalDate.parse(validUntil)));
            return this;
        }

        Passage dayExemption(String date) {
            LocalDate day = LocalDate.parse(date);
            DayExemptionRules.Window window = new DayExemptionRules(POLICY.dayExemptions()).window(day);
            dayExemptions.add(new DayExemptionGrant("DAY-" + date, day, window.validFrom(), window.validUntil()));
            return this;
        }

        AccessDecision decideWith(AccessRules rules) {
            return rules.decide(vehicle, foreign, zoneStart, at, exemptions, dayExemptions);
        }

        List<String> grantIds() {
            List<String> ids = new ArrayList<>();
            exemptions.forEach(grant -> ids.add(grant.id()));
            dayExemptions.forEach(grant -> ids.add(grant.id()));
            return ids;
        }

        @Override
        public String toString() {
            return (foreign ? "foreign " : "") + vehicle + " at " + at;
        }
    }
}
