package org.jdbcoptimizer.agent;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's entry point: {@code java -javaagent:jdbc-optimizer-agent.jar[=config=/path/optimizer-agent.properties]}.
 *
 * <p>Start-up does little on purpose: it reads and checks the configuration and registers a
 * transformer; no JDBC class is loaded, no connection opened, and byte-buddy is loaded only when a
 * driver class is. A bad configuration is reported once on stderr, every problem with its key, value
 * and what is accepted, and then the agent installs nothing: the application runs exactly as
 * without it. Nothing the agent does at start-up can stop the application from starting.
 */
public final class OptimizerAgent {

    static final String PREFIX = "jdbc-optimizer agent";

    private OptimizerAgent() {
    }

    /** Called by the JVM before {@code main} when started with {@code -javaagent}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        install(arguments, instrumentation, false);
    }

    /**
     * Called when the agent is attached to a running JVM. Drivers already loaded are retransformed;
     * connections opened before the attach stay unwrapped.
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        install(arguments, instrumentation, true);
    }

    private static void install(String arguments, Instrumentation instrumentation, boolean attached) {
        try {
            AgentSettings settings;
            try {
                settings = AgentSettings.load(arguments);
            } catch (AgentConfigException e) {
                report(e.problems());
                return;
            }
            AgentHooks.install(settings);
            DriverTransformer transformer = new DriverTransformer(settings.extraDrivers());
            instrumentation.addTransformer(transformer, true);
            if (attached) {
                retransformLoaded(instrumentation, transformer);
            }
            if (settings.report() != null) {
                Runtime.getRuntime().addShutdownHook(new Thread(new StatsReport(settings.report()),
                        "jdbc-optimizer-agent-report"));
            }
        } catch (Throwable e) {
            System.err.println(PREFIX + ": not installed, the application runs without the optimizer: " + e);
        }
    }

    private static void report(List<String> problems) {
        StringBuilder message = new StringBuilder(PREFIX).append(": not installed, the application runs without the")
                .append(" optimizer; fix the configuration (").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (String problem : problems) {
            message.append(System.lineSeparator()).append("  - ").append(problem);
        }
        System.err.println(message);
    }

    private static void retransformLoaded(Instrumentation instrumentation, DriverTransformer transformer) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (transformer.targets(type.getName()) && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        if (!loaded.isEmpty()) {
            try {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (UnmodifiableClassException | RuntimeException e) {
                System.err.println(PREFIX + ": cannot instrument the drivers loaded before the attach: " + e);
            }
        }
    }
}
