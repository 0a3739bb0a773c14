package nl.zes.exemption.register;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.zes.exemption.domain.EmissionClass;
import nl.zes.exemption.domain.Vehicle;
import nl.zes.exemption.domain.VehicleKind;

/** Derives the normalised {@link Vehicle} from a plate's vehicle, fuel and body rows. */
public final class VehicleAssembler {

    private static final int VAN_MAXIMUM_MASS_KG = 3_500;

    private VehicleAssembler() {
    }

    /**
     * @param vehicle the plate's vehicle row
     * @param fuels   its fuel rows, in any order (none yet: not zero-emission, emission class unknown)
     * @param bodies  its body rows, in any order
     */
    public static Vehicle assemble(VehicleRow vehicle, Collection<FuelRow> fuels, Collection<BodyRow> bodies) {
        List<FuelRow> ordered = inSequence(vehicle.plate(), fuels);
        Set<String> bodyCodes = new HashSet<>();
        Set<String> remarkCodes = new HashSet<>();
        addBodies(vehicle.plate(), bodies, bodyCodes, remarkCodes);
        VehicleKind kind = kindOf(vehicle);
        return new Vehicle(
                vehicle.plate(),
                vehicle.euCategory().isEmpty() ? null : vehicle.euCategory(),
                kind,
                kind == VehicleKind.TRUCK && "opleggertrekker".equalsIgnoreCase(vehicle.bodyStyle()),
                fuelNames(ordered),
                emissionClassOf(ordered),
                vehicle.firstAdmission(),
                vehicle.firstRegistrationNl(),
                bodyCodes,
                remarkCodes,
                vehicle.maximumMassKg());
    }

    /**
     * The vehicle after its vehicle row was replaced: what came from its fuel and body rows stays as it was.
     */
    public static Vehicle withVehicleRow(Vehicle before, VehicleRow vehicle) {
        Vehicle fromRow = assemble(vehicle, List.of(), List.of());
        return new Vehicle(fromRow.plate(), fromRow.category(), fromRow.kind(), fromRow.tractorUnit(), before.fuels(),
                before.emissionClass(), fromRow.firstAdmission(), fromRow.firstRegistrationNl(), before.bodyCodes(),
                before.remarkCodes(), fromRow.maximumMassKg());
    }

    /** The vehicle with exactly these fuel rows (all of them, in any order). */
    public static Vehicle withFuels(Vehicle before, Collection<FuelRow> fuels) {
        List<FuelRow> ordered = inSequence(before.plate(), fuels);
        return new Vehicle(before.plate(), before.category(), before.kind(), before.tractorUnit(), fuelNames(ordered),
                emissionClassOf(ordered), before.firstAdmission(), before.firstRegistrationNl(), before.bodyCodes(),
                before.remarkCodes(), before.maximumMassKg());
    }

    /** The vehicle with these body rows added (body rows are only ever added: their key is all they hold). */
    public static Vehicle withBodies(Vehicle before, Collection<BodyRow> bodies) {
        Set<String> bodyCodes = new HashSet<>(before.bodyCodes());
        Set<String> remarkCodes = new HashSet<>(before.remarkCodes());
        addBodies(before.plate(), bodies, bodyCodes, remarkCodes);
        return new Vehicle(before.plate(), before.category(), before.kind(), before.tractorUnit(), before.fuels(),
                before.emissionClass(), before.firstAdmission(), before.firstRegistrationNl(), bodyCodes, remarkCodes,
                before.maximumMassKg());
    }

    /** The plate's fuel rows in their RDW sequence. */
    private static List<FuelRow> inSequence(String plate, Collection<FuelRow> fuels) {
        List<FuelRow> ordered = new ArrayList<>(fuels);
        ordered.sort(Comparator.comparingInt(FuelRow::sequence));
        for (FuelRow fuel : ordered) {
            requireSamePlate(plate, fuel.plate());
        }
        return ordered;
    }

    private static List<String> fuelNames(List<FuelRow> ordered) {
        List<String> names = new ArrayList<>(ordered.size());
        for (FuelRow fuel : ordered) {
            names.add(fuel.fuel());
        }
        return names;
    }

    /** Adds the body and remark codes of the plate's body rows. */
    private static void addBodies(String plate, Collection<BodyRow> bodies, Set<String> bodyCodes,
            Set<String> remarkCodes) {
        for (BodyRow body : bodies) {
            requireSamePlate(plate, body.plate());
            addIfPresent(bodyCodes, body.bodyCode());
            addIfPresent(bodyCodes, body.europeanBodyType());
            addIfPresent(remarkCodes, body.remarkCode());
        }
    }

    /**
     * N1 is a van, N2 and N3 are trucks. Old vehicles may have no EU category; a Bedrijfsauto without one is
     * a van up to 3,500 kg maximum mass and a truck above it.
     */
    static VehicleKind kindOf(VehicleRow vehicle) {
        String category = vehicle.euCategory().toUpperCase(Locale.ROOT);
        if (category.startsWith("N1")) {
            return VehicleKind.VAN;
        }
        if (category.startsWith("N2") || category.startsWith("N3")) {
            return VehicleKind.TRUCK;
        }
        if (category.isEmpty() && "Bedrijfsauto".equalsIgnoreCase(vehicle.vehicleType())
                && vehicle.maximumMassKg() != null) {
            return vehicle.maximumMassKg() <= VAN_MAXIMUM_MASS_KG ? VehicleKind.VAN : VehicleKind.TRUCK;
        }
        return VehicleKind.OTHER;
    }

    /**
     * Zero when every fuel is zero-emission; otherwise the lowest class among the other fuels (a hybrid is
     * judged by its combustion engine, a bi-fuel vehicle by its worse fuel); unknown when none is readable.
     */
    static EmissionClass emissionClassOf(List<FuelRow> fuels) {
        if (fuels.isEmpty()) {
            return EmissionClass.UNKNOWN;
        }
        EmissionClass lowest = null;
        boolean allZeroEmission = true;
        for (FuelRow fuel : fuels) {
            if (Vehicle.isZeroEmissionFuel(fuel.fuel())) {
                continue;
            }
            allZeroEmission = false;
            int level = fuel.emissionClass().level();
            if (level >= 0 && (lowest == null || level < lowest.level())) {
                lowest = fuel.emissionClass();
            }
        }
        if (allZeroEmission) {
            return EmissionClass.ZERO;
        }
        return lowest == null ? EmissionClass.UNKNOWN : lowest;
    }

    private static void requireSamePlate(String vehiclePlate, String plate) {
        if (!vehiclePlate.equals(plate)) {
            throw new IllegalArgumentException("rows of plate " + plate + " given for plate " + vehiclePlate);
        }
    }

    private static void addIfPresent(Set<String> codes, String code) {
        if (code != null) {
            codes.add(code);
        }
    }
}
