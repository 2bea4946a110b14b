package dev.continuum.launcher.model;

import java.nio.file.Path;

/** A profile or feature file that cannot be used; the message names the file and the key. */
public final class ModelException extends Exception {

    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(Path file, String where, String what) {
        super(file + ": " + where + ": " + what);
    }
}
