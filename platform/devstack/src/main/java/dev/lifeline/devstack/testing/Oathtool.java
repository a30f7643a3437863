package dev.lifeline.devstack.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An authenticator app for tests, computed outside Lifeline: {@code oathtool --totp -b SECRET --now TIME}
 * (Debian package oathtool; `.ci/run` installs it).
 */
public final class Oathtool {

    private Oathtool() {
    }

    /**
     * Whether the tests that compare with it can run here: without it they are skipped, except under CI
     * ({@code CI} set), where a missing tool must fail.
     */
    public static boolean available() {
        if (System.getenv("CI") != null) {
            return true;
        }
        return java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "oathtool")));
    }

    /** The six-digit code an app shows at {@code at} for a base32 secret. */
    public static String code(String base32Secret, Instant at) {
        String now = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(at) + " UTC";
        try {
            Process process = new ProcessBuilder("oathtool", "--totp", "-b", base32Secret, "--now", now).start();
            String code = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (process.waitFor() != 0 || !code.matches("[0-9]{6}")) {
                throw new IllegalStateException("oathtool did not answer a code: " + code);
            }
            return code;
        } catch (IOException e) {
            throw new IllegalStateException("oathtool (Debian package oathtool) must be installed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Codes are computed a moment before they are checked: not in the last two seconds of a 30-second step. */
    public static void awayFromAStepBoundary() {
        long intoStep = Instant.now().getEpochSecond() % 30;
        if (intoStep >= 28) {
            try {
                Thread.sleep((30 - intoStep) * 1000 + 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
