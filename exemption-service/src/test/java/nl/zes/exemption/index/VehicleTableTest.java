package nl.zes.exemption.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.zes.exemption.domain.EmissionClass;
import nl.zes.exemption.domain.Vehicle;
import nl.zes.exemption.domain.VehicleKind;
import org.junit.jupiter.api.Test;

class VehicleTableTest {

  private final VehicleTable table = new VehicleTable();

  @Test
  void aPackedVehicleComesBackEqual() {
    Vehicle van = vehicle("AB123C", LocalDate.of(2019, 3, 1), null, 2_800);
    Vehicle truck = new Vehicle("12BBB3", "N3", VehicleKind.TRUCK, true, List.of("Diesel", "Elektriciteit"),
        EmissionClass.EURO_6, LocalDate.of(2016, 2, 29), LocalDate.of(2020, 1, 1), Set.of("SH", "15"), Set.of("145"),
        null);
    table.put(van);
    table.put(truck);
    assertThat(table.get("AB123C")).isEqualTo(van);
    assertThat(table.get("12BBB3")).isEqualTo(truck);
    assertThat(table.get("AB123D")).isNull();
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void aNewVersionReplacesTheOld() {
    table.put(vehicle("AB123C", LocalDate.of(2019, 3, 1), null, 2_800));
    Vehicle newer = vehicle("AB123C", LocalDate.of(2019, 3, 2), LocalDate.of(2021, 5, 5), 3_000);
    table.put(newer);
    assertThat(table.get("AB123C")).isEqualTo(newer);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void whatDoesNotPackIsKeptAsItIs() {
    Vehicle oddPlate = vehicle("AB-12", LocalDate.of(2019, 3, 1), null, null);
    Vehicle farFuture = vehicle("XX999X", LocalDate.of(9999, 12, 31), null, null);
    table.put(oddPlate);
    table.put(farFuture);
    assertThat(table.get("AB-12")).isSameAs(oddPlate);
    assertThat(table.get("XX999X")).isSameAs(farFuture);
    Vehicle ordinary = vehicle("XX999X", LocalDate.of(2010, 1, 1), null, null);
    table.put(ordinary);
    assertThat(table.get("XX999X")).isEqualTo(ordinary);
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void itGrowsWithoutLosingAVehicle() {
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      table.put(vehicle(plate(i), LocalDate.of(1990, 1, 1).plusDays(i % 12_000), null, 1_000 + i % 3));
    }
    assertThat(table.size()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      assertThat(table.get(plate(i)).firstAdmission()).isEqualTo(LocalDate.of(1990, 1, 1).plusDays(i % 12_000));
    }
  }

  private static String plate(int i) {
    return "A" + (char) ('A' + i / 10_000) + String.format("%04d", i % 10_000);
  }

  private static Vehicle vehicle(String plate, LocalDate firstAdmission, LocalDate firstRegistrationNl, Integer mass) {
    return new Vehicle(plate, "N1", VehicleKind.VAN, false, List.of("Diesel"), EmissionClass.EURO_5, firstAdmission,
        firstRegistrationNl, Set.of(), Set.of(), mass);
  }
}
