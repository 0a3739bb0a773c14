package nl.zes.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "AB-12-34   | AB1234",
        "ab-12-34   | AB1234",
        "12 ab 34   | 12AB34",
        "v.95.jkv   | V95JKV",
        "' 84-xx-pj '| 84XXPJ",
        "'1-abc-23' | 1ABC23",
        "'VGK-54-B' | VGK54B",
        "AB1234     | AB1234",
        "''         | ''",
    })
    void normalises(String input, String expected) {
        assertThat(Plates.normalise(input)).isEqualTo(expected);
    }

    @Test
    void returnsTheSameInstanceWhenAlreadyNormal() {
        String plate = "AB1234";
        assertThat(Plates.normalise(plate)).isSameAs(plate);
    }

    @Test
    void refusesNull() {
        assertThatNullPointerException().isThrownBy(() -> Plates.normalise(null));
    }

    @ParameterizedTest(name = "sidecode {1}: {0}")
    @CsvSource({
        "AB1234, 1",  // XX-99-99
        "1234AB, 2",  // 99-99-XX
        "12AB34, 3",  // 99-XX-99
        "AB12CD, 4",  // XX-99-XX
        "ABCD12, 5",  // XX-XX-99
        "12ABCD, 6",  // 99-XX-XX
        "12ABC3, 7",  // 99-XXX-9
        "1ABC23, 8",  // 9-XXX-99
        "AB123C, 9",  // XX-999-X
        "A123BC, 10", // X-999-XX
        "ABC12D, 11", // XXX-99-X
        "A12BCD, 12", // X-99-XXX
        "1AB234, 13", // 9-XX-999
        "123AB4, 14", // 999-XX-9
        "AE12OU, 4",  // vowels occur in special series
    })
    void recognisesEverySidecode(String plate, int sidecode) {
        assertThat(Plates.sidecode(plate)).isEqualTo(sidecode);
        assertThat(Plates.isValidDutch(plate)).isTrue();
    }

    @ParameterizedTest(name = "invalid: \"{0}\"")
    @ValueSource(strings = {
        "", "AB123", "AB12345", "ABCDEF", "123456", "A1B2C3", "AB-123", "ab1234", "AB12É4", "AB 123",
        "1A2B3C", "ABC123", "123ABC", "A1234B", "1ABCD2"
    })
    void rejectsWhatFitsNoSidecode(String plate) {
        assertThat(Plates.sidecode(plate)).isZero();
        assertThat(Plates.isValidDutch(plate)).isFalse();
    }

    @Test
    void nullIsNoSidecode() {
        assertThat(Plates.isValidDutch(null)).isFalse();
    }

    @Test
    void exactlyFourteenLetterDigitPatternsAreValid() {
        int valid = 0;
        for (int mask = 0; mask < 64; mask++) {
            StringBuilder plate = new StringBuilder();
            for (int i = 5; i >= 0; i--) {
                plate.append((mask >> i & 1) == 1 ? 'X' : '7');
            }
            if (Plates.isValidDutch(plate.toString())) {
                valid++;
            }
        }
        assertThat(valid).isEqualTo(14);
    }
}
