package io.meshwork.cli;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The exit codes are distinct, numbered 0 to 6, and the same in {@code --help} and {@code docs/meshctl.md}. */
class ExitCodeTest {
    private static List<Integer> codes() throws IllegalAccessException {
        List<Integer> codes = new ArrayList<>();
        for (Field f : ExitCode.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                codes.add(f.getInt(null));
            }
        }
        return codes;
    }

    @Test
    void shouldNumberTheExitCodesFrom0To6WithoutGaps() throws IllegalAccessException {
        assertThat(codes()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void shouldDocumentEveryExitCodeInTheUserGuide() throws IOException, IllegalAccessException {
        Path guide =
                Path.of("").toAbsolutePath().resolve("../../docs/meshctl.md").normalize();
        String text = Files.readString(guide);

        for (int code : codes()) {
            assertThat(text)
                    .as("docs/meshctl.md documents exit code " + code)
                    .containsPattern("(?m)^\\| `" + code + "` \\|");
        }
    }
}
