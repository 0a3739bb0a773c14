package nl.zes.exemption.vehicles;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.TreeSet;
import nl.zes.exemption.api.Times;
import nl.zes.exemption.domain.Vehicle;

/** API.md's vehicle: {@code {plate, category, kind, tractorUnit, fuels, emissionClass, firstAdmission, zeroEmission}}. */
public final class VehicleView {

  private VehicleView() {
  }

  public static JsonObject of(Vehicle vehicle) {
    return new JsonObject()
        .put("plate", vehicle.plate())
        .put("category", vehicle.category())
        .put("kind", vehicle.kind().name())
        .put("tractorUnit", vehicle.tractorUnit())
        .put("fuels", new JsonArray(vehicle.fuels()))
        .put("emissionClass", vehicle.emissionClass().code())
        .put("firstAdmission", Times.date(vehicle.firstAdmission()))
        .put("zeroEmission", vehicle.zeroEmission())
        .put("firstRegistrationNl", Times.date(vehicle.firstRegistrationNl()))
        .put("maximumMassKg", vehicle.maximumMassKg())
        .put("bodyCodes", new JsonArray(new java.util.ArrayList<>(new TreeSet<>(vehicle.bodyCodes()))))
        .put("remarkCodes", new JsonArray(new java.util.ArrayList<>(new TreeSet<>(vehicle.remarkCodes()))));
  }
}
