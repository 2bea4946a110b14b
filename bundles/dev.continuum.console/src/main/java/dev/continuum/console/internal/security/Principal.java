package dev.continuum.console.internal.security;

/**
 * Who makes a request.
 *
 * @param user the account
 * @param role its role
 * @param mustChangePassword true while the account's password must be changed before anything else
 * @param session the console session, or {@code null} for HTTP Basic
 */
public record Principal(String user, Role role, boolean mustChangePassword, Session session) {
}
