package dev.continuum.launcher.model;

import java.util.ArrayList;
import java.util.List;

/** Packages the system bundle exports from the launcher's class path. */
public final class SystemPackages {

    private static final String[] SLF4J = {"org.slf4j", "org.slf4j.event", "org.slf4j.helpers", "org.slf4j.spi"};
    private static final String SLF4J_1 = "1.7.36";

    private SystemPackages() {
    }

    /**
     * The slf4j API, exported in its 2.x version and as 1.7.36 for bundles that import {@code [1.7,2)}
     * (slf4j 2 is source compatible with 1.7 callers, and its own bundle exports both lines too).
     */
    public static String slf4j() {
        String version = org.slf4j.LoggerFactory.class.getPackage().getImplementationVersion();
        String current = version == null ? "2.0.17" : version;
        List<String> clauses = new ArrayList<>();
        for (String pkg : SLF4J) {
            clauses.add(pkg + ";version=" + current);
        }
        clauses.add(String.join(";", SLF4J) + ";version=" + SLF4J_1);
        return String.join(",", clauses);
    }
}
