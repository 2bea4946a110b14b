package dev.continuum.api.asset;

import dev.continuum.api.data.Sample;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the samples of assets: register a service of this type (the whiteboard pattern).
 *
 * <p>{@link #CHANNELS} selects which samples a listener gets: one or more patterns over channel ids
 * ({@code asset/channel}) where {@code *} matches any run of characters, e.g. {@code press-1/*} or
 * {@code *}/temperature; without the property the listener gets every sample.
 *
 * <p>Threading: called on the driver's receive threads, concurrently for different assets and in
 * delivery order for one asset. Implementations must not block (queue the sample if the work is slow):
 * a blocked listener delays every other listener of that asset. An exception thrown is logged and the
 * sample still reaches the other listeners.
 */
@ConsumerType
public interface SampleListener {

    /** Service property: patterns of the channel ids to receive (String or String[]); absent means all. */
    String CHANNELS = "sample.channels";

    /** One sample; BAD and UNCERTAIN samples are delivered too, with their message. */
    void onSample(Sample sample);
}
