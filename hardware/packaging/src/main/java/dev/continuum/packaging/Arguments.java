package dev.continuum.packaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs; a name may repeat. */
final class Arguments {

    private final Map<String, List<String>> values;

    private Arguments(Map<String, List<String>> values) {
        this.values = values;
    }

    static Arguments parse(String[] args) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            values.computeIfAbsent(args[i], key -> new ArrayList<>()).add(args[i + 1]);
        }
        return new Arguments(values);
    }

    List<String> values(String name) {
        List<String> list = values.get(name);
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("missing " + name);
        }
        return list;
    }

    String value(String name) {
        return values(name).get(0);
    }

    Path path(String name) {
        return Path.of(value(name)).toAbsolutePath().normalize();
    }
}
