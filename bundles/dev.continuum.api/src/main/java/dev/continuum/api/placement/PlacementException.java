package dev.continuum.api.placement;

/** The one checked exception of the placement API: an unknown workload or a placement it may not use. */
public class PlacementException extends Exception {

    private static final long serialVersionUID = 1L;

    public PlacementException(String message) {
        super(message);
    }
}
