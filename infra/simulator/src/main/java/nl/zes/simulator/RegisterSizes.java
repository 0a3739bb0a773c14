package nl.zes.simulator;

/** How many vehicles of each kind a generated register holds. */
public record RegisterSizes(int vans, int trucks, int cars) {

  public RegisterSizes {
    if (vans < 0 || trucks < 0 || cars < 0) {
      throw new IllegalArgumentException("negative register size");
    }
  }

  /** The Dutch goods fleet: about a million vans and 160,000 trucks, and some passenger cars. */
  public static RegisterSizes country() {
    return new RegisterSizes(1_000_000, 160_000, 40_000);
  }

  /** A register of about {@code vehicles} vehicles in the country's proportions. */
  public static RegisterSizes ofTotal(int vehicles) {
    RegisterSizes country = country();
    double factor = vehicles / (double) country.total();
    int trucks = (int) Math.round(country.trucks * factor);
    int cars = (int) Math.round(country.cars * factor);
    return new RegisterSizes(vehicles - trucks - cars, trucks, cars);
  }

  public int total() {
    return vans + trucks + cars;
  }
}
