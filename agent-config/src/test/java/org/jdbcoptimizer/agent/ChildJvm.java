package org.jdbcoptimizer.agent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an application in a new JVM, with or without the agent, on a class path of only what an
 * application has: its own classes (test-classes), its drivers and its pool, never the optimizer.
 */
final class ChildJvm {

    /** The agent jar the build just packaged (failsafe passes its path). */
    static Path agentJar() {
        String configured = System.getProperty("agent.jar");
        Path jar = Paths.get(configured != null ? configured : "target/jdbc-optimizer-agent.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No agent jar at " + jar + ": run the tests with mvn verify (after package)");
        }
        return jar;
    }

    /** test-classes plus the application's libraries from this JVM's class path. */
    static String applicationClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Paths.get(entry).getFileName().toString();
            if (name.equals("test-classes") || name.startsWith("postgresql-") || name.startsWith("sqlite-jdbc-")
                    || name.startsWith("HikariCP-") || name.startsWith("slf4j-")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /**
     * @param directory     the working directory (where relative log paths end up)
     * @param agentArgument null to run without the agent, else what follows {@code =} (may be empty)
     */
    static Result run(Path directory, String agentArgument, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        if (agentArgument != null) {
            command.add("-javaagent:" + agentJar() + (agentArgument.isEmpty() ? "" : "=" + agentArgument));
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(applicationClassPath());
        command.add(main.getName());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("child", ".out");
        Path err = Files.createTempFile("child", ".err");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The child JVM did not finish within 60 s: " + command + "\n"
                    + Files.readString(out) + Files.readString(err));
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }

    private ChildJvm() {
    }
}
