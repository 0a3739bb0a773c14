package nl.zes.exemption.index;

import nl.zes.exemption.domain.Vehicle;

/**
 * Vehicles by plate in one open-addressing array (linear probing): a slot costs one reference, where a
 * {@code HashMap} spends a 32-byte node per entry. Plates are never removed from the register, so there are no
 * deletions. Not thread-safe: it is read and written on the exemption-service's event loop only.
 */
final class VehicleTable {

  private static final int MAX_LOAD_PERCENT = 70;

  private Vehicle[] slots = new Vehicle[1 << 10];
  private int size;

  Vehicle get(String plate) {
    Vehicle[] table = slots;
    int mask = table.length - 1;
    for (int i = spread(plate.hashCode()) & mask; ; i = (i + 1) & mask) {
      Vehicle vehicle = table[i];
      if (vehicle == null || vehicle.plate().equals(plate)) {
        return vehicle;
      }
    }
  }

  void put(Vehicle vehicle) {
    if ((size + 1) * 100L > (long) slots.length * MAX_LOAD_PERCENT) {
      grow();
    }
    if (insert(slots, vehicle)) {
      size++;
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    Vehicle[] larger = new Vehicle[slots.length * 2];
    for (Vehicle vehicle : slots) {
      if (vehicle != null) {
        insert(larger, vehicle);
      }
    }
    slots = larger;
  }

  /** True when the plate was new, false when it replaced the plate's vehicle. */
  private static boolean insert(Vehicle[] table, Vehicle vehicle) {
    int mask = table.length - 1;
    for (int i = spread(vehicle.plate().hashCode()) & mask; ; i = (i + 1) & mask) {
      Vehicle present = table[i];
      if (present == null) {
        table[i] = vehicle;
        return true;
      }
      if (present.plate().equals(vehicle.plate())) {
        table[i] = vehicle;
        return false;
      }
    }
  }

  private static int spread(int hash) {
    return (hash ^ (hash >>> 16)) * 0x9E3779B9;
  }
}
