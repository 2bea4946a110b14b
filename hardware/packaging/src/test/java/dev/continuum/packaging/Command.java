package dev.continuum.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion (stdout and stderr together), failing the test if it hangs. */
record Command(int exitCode, String output) {

    static Command run(List<String> command) {
        return run(command, Map.of(), null);
    }

    static Command run(List<String> command, Map<String, String> environment, String stdin) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Path input = null;
            if (stdin != null) {
                input = java.nio.file.Files.createTempFile("stdin", ".txt");
                java.nio.file.Files.writeString(input, stdin, StandardCharsets.UTF_8);
                builder.redirectInput(input.toFile());
            }
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within 300 s");
            }
            if (input != null) {
                java.nio.file.Files.delete(input);
            }
            return new Command(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** The output, failing with it when the exit code is not 0. */
    String ok() {
        if (exitCode != 0) {
            throw new AssertionError("exit code " + exitCode + ":\n" + output);
        }
        return output;
    }
}
