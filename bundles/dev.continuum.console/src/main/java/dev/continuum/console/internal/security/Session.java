package dev.continuum.console.internal.security;

/**
 * A console session (cookie {@link SecurityService#COOKIE}); {@code csrf} must accompany every state
 * change made with it, in the {@code X-CSRF-Token} header.
 */
public record Session(String id, String user, String csrf, String address, long created) {
}
