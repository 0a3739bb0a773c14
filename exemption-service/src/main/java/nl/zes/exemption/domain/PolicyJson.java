package nl.zes.exemption.domain;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the policy document; every error names the path of the offending value. */
final class PolicyJson {

    private static final String DEFAULTS = "/policy.json";

    private PolicyJson() {
    }

    static JsonObject defaults() {
        try (InputStream in = PolicyJson.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + DEFAULTS + " is missing");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject read(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("policy: not a JSON object: " + e.getMessage(), e);
        }
    }

    /** Overrides merged into a copy of the defaults; a key the defaults do not have is an error. */
    static JsonObject merge(JsonObject defaults, JsonObject overrides) {
        return merge(defaults.copy(), overrides, "");
    }

    private static JsonObject merge(JsonObject target, JsonObject overrides, String path) {
        for (Map.Entry<String, Object> entry : overrides) {
            String key = entry.getKey();
            String keyPath = path + key;
            if (!target.containsKey(key)) {
                throw new IllegalArgumentException("policy: unknown key " + keyPath);
            }
            Object current = target.getValue(key);
            Object override = entry.getValue();
            if (current instanceof JsonObject currentObject && override instanceof JsonObject overrideObject) {
                merge(currentObject, overrideObject, keyPath + ".");
            } else {
                target.put(key, override);
            }
        }
        return target;
    }

    static Policy parse(JsonObject root) {
        Node policy = new Node(root, "");
        return new Policy(
                access(policy.object("access")),
                vrijstellingen(policy.object("vrijstellingen")),
                exemptions(policy.object("exemptions")),
                dayExemptions(policy.object("dayExemptions")),
                enforcement(policy.object("enforcement")));
    }

    private static Policy.Access access(Node node) {
        List<Policy.EmissionClassDerivation> derivation = new ArrayList<>();
        JsonArray rows = node.array("emissionClassDerivation");
        for (int i = 0; i < rows.size(); i++) {
            derivation.add(derivationRow(node.element(rows, "emissionClassDerivation", i)));
        }
        return new Policy.Access(
                node.date("newVehicleFrom"),
                node.enumValue("newVehicleDate", Policy.NewVehicleDate.class),
                node.date("vanEk5End"),
                node.date("vanEk6End"),
                node.date("tractorEk6FirstAdmissionFrom"),
                node.date("tractorEk6End"),
                node.date("rigidEk6FirstAdmissionFrom"),
                node.date("rigidEk6End"),
                node.date("rigidEk6OldFirstAdmissionFrom"),
                node.date("rigidEk6OldEnd"),
                node.date("generalEnd"),
                derivation);
    }

    private static Policy.EmissionClassDerivation derivationRow(Node node) {
        node.onlyKeys("kind", "firstAdmissionFrom", "firstAdmissionUntil", "maximumMassFromKg",
                "maximumMassUntilKg", "emissionClass");
        String notation = node.string("emissionClass");
        EmissionClass emissionClass = EmissionClass.parse(notation);
        if (emissionClass == EmissionClass.UNKNOWN) {
            throw node.invalid("emissionClass", "an emission class (0-6 or Z)", notation);
        }
        return new Policy.EmissionClassDerivation(
                node.enumValue("kind", VehicleKind.class),
                node.optionalDate("firstAdmissionFrom"),
                node.optionalDate("firstAdmissionUntil"),
                node.optionalCount("maximumMassFromKg"),
                node.optionalCount("maximumMassUntilKg"),
                emissionClass);
    }

    private static Policy.Vrijstellingen vrijstellingen(Node node) {
        return new Policy.Vrijstellingen(
                node.count("historicAgeYears"),
                node.count("specialTruckAgeLimitYears"),
                node.strings("specialTruckBodyCodes"),
                node.strings("specialPurposeCodes"),
                node.strings("wheelchairCodes"));
    }

    private static Policy.Exemptions exemptions(Node node) {
        Node notAvailable = node.object("notAvailableZeroEmission");
        Node types = node.object("types");
        Map<ExemptionType, Policy.TypeTerms> terms = new EnumMap<>(ExemptionType.class);
        for (ExemptionType type : ExemptionType.values()) {
            Node typeNode = types.object(type.name());
            terms.put(type, new Policy.TypeTerms(typeNode.count("feeEur"), typeNode.optionalDate("latestEnd")));
        }
        return new Policy.Exemptions(
                node.date("earliestApplicationDate"),
                node.date("businessEconomicNationalFrom"),
                node.date("gridCongestionNationalFrom"),
                node.count("specialVehicleAgeLimitYears"),
                new Policy.NotAvailableTerms(
                        notAvailable.date("longerTermsFrom"),
                        notAvailable.count("vanYears"),
                        notAvailable.count("truckYears"),
                        notAvailable.count("thirdClassYears"),
                        notAvailable.strings("thirdClassBodyCodes")),
                terms);
    }

    private static Policy.DayExemptions dayExemptions(Node node) {
        return new Policy.DayExemptions(node.count("maxPerYear"), node.time("validUntilNextDay"), node.count("feeEur"));
    }

    private static Policy.Enforcement enforcement(Node node) {
        return new Policy.Enforcement(
                node.count("fineVanEur"),
                node.count("fineTruckEur"),
                node.count("warningPeriodMonths"),
                node.bool("oneViolationPerDay"));
    }

    /** A JSON object and its path, with typed getters that fail with the path in the message. */
    private record Node(JsonObject json, String path) {

        Node object(String key) {
            if (!(present(key) instanceof JsonObject object)) {
                throw invalid(key, "an object", json.getValue(key));
            }
            return new Node(object, path + key + ".");
        }

        JsonArray array(String key) {
            if (!(present(key) instanceof JsonArray array)) {
                throw invalid(key, "an array", json.getValue(key));
            }
            return array;
        }

        Node element(JsonArray array, String key, int index) {
            if (!(array.getValue(index) instanceof JsonObject object)) {
                throw new IllegalArgumentException("policy: " + path + key + "[" + index + "] must be an object");
            }
            return new Node(object, path + key + "[" + index + "].");
        }

        void onlyKeys(String... allowed) {
            Set<String> unknown = new HashSet<>(json.fieldNames());
            unknown.removeAll(Set.of(allowed));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("policy: unknown key " + path + unknown.iterator().next());
            }
        }

        String string(String key) {
            if (!(present(key) instanceof String text)) {
                throw invalid(key, "a string", json.getValue(key));
            }
            return text;
        }

        LocalDate date(String key) {
            String text = string(key);
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(key, "a date yyyy-MM-dd", text);
            }
        }

        LocalDate optionalDate(String key) {
            return json.getValue(key) == null ? null : date(key);
        }

        LocalTime time(String key) {
            String text = string(key);
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(key, "a time HH:mm", text);
            }
        }

        int count(String key) {
            if (!(present(key) instanceof Number number) || number.intValue() < 0
                    || number.doubleValue() != number.intValue()) {
                throw invalid(key, "a whole number of at least 0", json.getValue(key));
            }
            return number.intValue();
        }

        Integer optionalCount(String key) {
            return json.getValue(key) == null ? null : count(key);
        }

        boolean bool(String key) {
            if (!(present(key) instanceof Boolean value)) {
                throw invalid(key, "true or false", json.getValue(key));
            }
            return value;
        }

        Set<String> strings(String key) {
            JsonArray array = array(key);
            Set<String> values = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                if (!(array.getValue(i) instanceof String value)) {
                    throw new IllegalArgumentException("policy: " + path + key + "[" + i + "] must be a string");
                }
                values.add(value);
            }
            return values;
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type) {
            String text = string(key);
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                throw invalid(key, "one of " + List.of(type.getEnumConstants()), text);
            }
        }

        private Object present(String key) {
            if (!json.containsKey(key)) {
                throw new IllegalArgumentException("policy: missing " + path + key);
            }
            return json.getValue(key);
        }

        IllegalArgumentException invalid(String key, String expected, Object actual) {
            return new IllegalArgumentException(
                    "policy: " + path + key + " must be " + expected + ", not " + actual);
        }
    }
}
