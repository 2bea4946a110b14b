package dev.continuum.api.placement;

/** Where a workload's windows are scored. */
public enum Placement {
    /** In-process on the gateway, with ONNX Runtime. */
    LOCAL,
    /** At the remote inference service behind the MEC (5G edge) broker. */
    MEC,
    /** At the remote inference service behind the cloud broker. */
    CLOUD;

    /** True for the placements that send data off the site. */
    public boolean remote() {
        return this != LOCAL;
    }
}
