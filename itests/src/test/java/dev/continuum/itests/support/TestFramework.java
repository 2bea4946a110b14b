package dev.continuum.itests.support;

/** Which OSGi framework this test run boots; safe to use inside the container (no driver-side types). */
public final class TestFramework {

    private TestFramework() {
    }

    /** {@code felix} or {@code equinox}, as set by the failsafe execution. */
    public static String name() {
        return System.getProperty("continuum.itest.framework", "felix");
    }
}
