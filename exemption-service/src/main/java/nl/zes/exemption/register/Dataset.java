package nl.zes.exemption.register;

import java.util.Locale;
import java.util.Optional;

/** The RDW exports the register imports, named as in {@code POST /vehicles/import?dataset=}. */
public enum Dataset {
    VEHICLES,
    FUELS,
    BODIES;

    public static Optional<Dataset> fromParameter(String parameter) {
        for (Dataset dataset : values()) {
            if (dataset.parameter().equals(parameter)) {
                return Optional.of(dataset);
            }
        }
        return Optional.empty();
    }

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    LineParser parser(Columns columns) throws MissingColumnException {
        LineParser parser = switch (this) {
            case VEHICLES -> new VehicleLineParser(columns);
            case FUELS -> new FuelLineParser(columns);
            case BODIES -> new BodyLineParser(columns);
        };
        columns.check();
        return parser;
    }
}
