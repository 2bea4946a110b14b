package dev.continuum.api.driver;

/**
 * The outcome of writing one channel.
 *
 * @param channel the channel's name
 * @param ok whether the device accepted the value
 * @param message why it failed (the status code, the conversion error); empty when ok
 */
public record WriteResult(String channel, boolean ok, String message) {

    public WriteResult {
        message = message == null ? "" : message;
    }

    public static WriteResult ok(String channel) {
        return new WriteResult(channel, true, "");
    }

    public static WriteResult failed(String channel, String message) {
        return new WriteResult(channel, false, message);
    }
}
