package org.jdbcoptimizer.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sees every class the JVM loads and rewrites only the few that open connections: the real
 * drivers' {@code connect} and their DataSources' {@code getConnection}. The check for every other
 * class is one hash lookup of its name, which is what keeps the agent cheap for an application that
 * has no JDBC at all. A class that cannot be rewritten is reported once on stderr and loaded as it
 * was: the application then runs without the optimizer on those connections.
 *
 * <p>Thread-safe: the JVM calls transformers from any loading thread.
 */
final class DriverTransformer implements ClassFileTransformer {

    /** Where {@code getConnection} really lives: PGSimpleDataSource inherits it from BaseDataSource. */
    static final List<String> DATA_SOURCE_CLASSES = List.of("org.postgresql.ds.common.BaseDataSource",
            "org.sqlite.SQLiteDataSource");
    static final List<String> DRIVER_CLASSES = List.of("org.postgresql.Driver", "org.sqlite.JDBC");

    /** Internal name (org/postgresql/Driver) to true for a DataSource, false for a Driver. */
    private final Map<String, Boolean> targets;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    DriverTransformer(List<String> extraDrivers) {
        Map<String, Boolean> map = new HashMap<>();
        for (String name : DRIVER_CLASSES) {
            map.put(name.replace('.', '/'), false);
        }
        for (String name : extraDrivers) {
            map.put(name.replace('.', '/'), false);
        }
        for (String name : DATA_SOURCE_CLASSES) {
            map.put(name.replace('.', '/'), true);
        }
        this.targets = Map.copyOf(map);
    }

    /** True when this transformer rewrites the class of that binary name. */
    boolean targets(String className) {
        return targets.containsKey(className.replace('.', '/'));
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        Boolean dataSource = targets.get(className);
        if (dataSource == null) {
            return null;
        }
        String binaryName = className.replace('/', '.');
        try {
            return Weaver.weave(binaryName, classfileBuffer, loader, dataSource);
        } catch (Throwable e) {
            // Never let a failure of ours stop the driver's class from loading.
            if (reported.add(binaryName)) {
                System.err.println(OptimizerAgent.PREFIX + ": cannot instrument " + binaryName
                        + "; its connections are left unwrapped: " + e);
            }
            return null;
        }
    }
}
