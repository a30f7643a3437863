package dev.lifeline.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local runner, tried as a new user would: a mistyped option gets the usage instead of a stack
 * that silently ignores it, and a machine without a suitable JDK is told so before anything starts.
 */
class RunnerTest {

    private static final Path RUNNER = Path.of("..", "lifeline").toAbsolutePath().normalize();

    private record Ran(int exit, String output) {
    }

    @Test
    void anUnknownOptionGetsTheUsage() throws Exception {
        Ran ran = run(Map.of(), "up", "--broker", "3");
        assertEquals(2, ran.exit(), ran.output());
        assertTrue(ran.output().contains("unknown option --broker"), ran.output());
        assertTrue(ran.output().contains("./lifeline up [--detach] [--brokers N] [--replicas N]"), ran.output());
    }

    @Test
    void aJavaOlderThan17IsNamedAndRefused(@TempDir Path jdk) throws Exception {
        Path bin = Files.createDirectories(jdk.resolve("bin"));
        for (String tool : new String[] {"java", "javac"}) {
            Path fake = bin.resolve(tool);
            Files.writeString(fake, "#!/bin/sh\necho 'java version \"1.8.0_392\"' >&2\n");
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        // (the option is wrong too: should the JDK check ever pass here, the usage stops it before anything starts)
        Ran ran = run(Map.of("JAVA_HOME", jdk.toString()), "up", "--not-an-option");
        assertEquals(1, ran.exit(), ran.output());
        assertTrue(ran.output().contains("Lifeline needs a JDK 17 or newer") && ran.output().contains("1.8.0_392"), ran.output());
    }

    @Test
    void noJavaAtAllIsSaidPlainly(@TempDir Path empty) throws Exception {
        Ran ran = run(Map.of("JAVA_HOME", empty.toString()), "up", "--not-an-option");
        assertEquals(1, ran.exit(), ran.output());
        assertTrue(ran.output().contains("no Java found: install a JDK 17 or newer"), ran.output());
    }

    private static Ran run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = RUNNER.toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(process.waitFor(), output);
    }
}
