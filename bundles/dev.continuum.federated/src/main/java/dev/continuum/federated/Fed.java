package dev.continuum.federated;

/**
 * Names of the FED-V1 app on the Kura control topics ({@code $EDC/account/client-id/FED-V1/...}) and of
 * its metrics.
 */
public final class Fed {

    /** The app id. */
    public static final String APP_ID = "FED-V1";
    /** {@code EXEC/train}: body {@code {"model": GlobalModel, "plan": RoundPlan}}; replies at once, the update follows as NOTIFY. */
    public static final String TRAIN = "train";
    /** {@code GET/status}: buffer fill, identity, last round. */
    public static final String STATUS = "status";
    /** NOTIFY resource carrying a signed {@link ModelUpdate} (body), or a refusal (metrics only). */
    public static final String UPDATE = "update";

    public static final String ROUND = "fed.round";
    public static final String MODEL = "fed.model";
    public static final String VERSION = "fed.version";
    public static final String SAMPLES = "fed.samples";
    public static final String HOLDOUT = "fed.holdout";
    public static final String KEY_ID = "fed.key.id";
    public static final String PUBLIC_KEY = "fed.public.key";
    public static final String STATUS_METRIC = "fed.status";
    public static final String ERROR = "fed.error";

    private Fed() {
    }
}
