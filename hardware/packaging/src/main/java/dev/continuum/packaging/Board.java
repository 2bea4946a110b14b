package dev.continuum.packaging;

import java.util.Set;

/**
 * A board that gets a package: its profile folder name, Debian architecture, and how the gateway
 * reaches the GPIO character devices ({@code /dev/gpiochip*}) there.
 *
 * @param name the profile's folder under {@code hardware/}
 * @param architecture {@code arm64} or {@code amd64}
 * @param gpio whether the service joins the {@code gpio} group
 * @param gpioUdevRule whether the package brings the udev rule that gives the {@code gpio} group the
 *        GPIO chips (boards whose images have no such rule, such as generic x86 distributions)
 */
record Board(String name, String architecture, boolean gpio, boolean gpioUdevRule) {

    static final Set<String> ARCHITECTURES = Set.of("arm64", "amd64");
    private static final String USAGE = "expected NAME:ARCH, NAME:ARCH:gpio or NAME:ARCH:gpio+udev with a"
            + " lower-case NAME and ARCH arm64 or amd64";

    static Board parse(String spec) {
        String[] parts = spec.split(":");
        if (parts.length < 2 || parts.length > 3 || !parts[0].matches("[a-z0-9][a-z0-9._+-]+")
                || !ARCHITECTURES.contains(parts[1])
                || (parts.length == 3 && !parts[2].equals("gpio") && !parts[2].equals("gpio+udev"))) {
            throw new IllegalArgumentException("bad board '" + spec + "': " + USAGE);
        }
        String access = parts.length == 3 ? parts[2] : "";
        return new Board(parts[0], parts[1], !access.isEmpty(), access.equals("gpio+udev"));
    }

    /** {@code continuum-NAME}, with {@code _} (not allowed in Debian package names) as {@code -}. */
    String packageName() {
        return "continuum-" + name.replace('_', '-');
    }
}
