package dev.continuum.packaging;

import dev.continuum.launcher.model.Assembly;
import dev.continuum.launcher.model.BundleRef;
import dev.continuum.launcher.model.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The installation's {@code system/} folder: every bundle any feature names, in Maven repository layout,
 * which is where the launcher resolves bundles from ({@code --home}). Reading the built features keeps it
 * in step with them without a second list of bundles. A bundle of this build is taken from its module's
 * {@code target/} (a module folder under one of the reactor folders, named as the artifact), so that
 * {@code mvn verify} packages what it just built; others come from the local Maven repository.
 */
final class SystemRepository {

    private SystemRepository() {
    }

    /** Copies the bundles into {@code target} (keeping their times) and removes any that no feature names. */
    static int fill(Path featuresDir, List<Path> reactor, Path repository, Path target)
            throws IOException, ModelException {
        Set<Path> wanted = new HashSet<>();
        for (String feature : featureNames(featuresDir)) {
            for (BundleRef bundle : Assembly.ofFeatures(featuresDir, List.of(feature)).bundles()) {
                String jar = bundle.artifactId() + "-" + bundle.version() + ".jar";
                Path source = reactor.stream().map(dir -> dir.resolve(bundle.artifactId()).resolve("target").resolve(jar))
                        .filter(Files::isRegularFile).findFirst().orElse(null);
                if (source == null) {
                    source = bundle.resolve(List.of(repository));
                }
                Path copy = target.resolve(bundle.groupId().replace('.', '/')).resolve(bundle.artifactId())
                        .resolve(bundle.version()).resolve(jar);
                wanted.add(copy);
                if (!Files.exists(copy) || Files.size(copy) != Files.size(source)
                        || !Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(source))) {
                    Files.createDirectories(copy.getParent());
                    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        removeAllBut(target, wanted);
        return wanted.size();
    }

    static List<String> featureNames(Path featuresDir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(featuresDir)) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
                    .forEach(name -> names.add(name.substring(0, name.length() - ".json".length())));
        }
        if (names.isEmpty()) {
            throw new IOException("no features in " + featuresDir + ": build the features module first");
        }
        return names;
    }

    private static void removeAllBut(Path target, Set<Path> wanted) throws IOException {
        if (!Files.isDirectory(target)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(target)) {
            files = walk.filter(Files::isRegularFile).filter(file -> !wanted.contains(file)).toList();
        }
        for (Path file : files) {
            Files.delete(file);
        }
        List<Path> directories;
        try (Stream<Path> walk = Files.walk(target)) {
            directories = walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
        }
        for (Path directory : directories) {
            if (!directory.equals(target) && isEmptyDirectory(directory)) {
                Files.delete(directory);
            }
        }
    }

    private static boolean isEmptyDirectory(Path path) {
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
