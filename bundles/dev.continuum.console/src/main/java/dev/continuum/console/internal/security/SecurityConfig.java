package dev.continuum.console.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The management plane's security settings (PID {@value #PID}). */
@ObjectClassDefinition(name = "Continuum management security",
        description = "Login throttling, sessions and HTTPS of the console and the REST API.")
public @interface SecurityConfig {

    String PID = "dev.continuum.console.security";
    int MAX_FAILURES = 5;
    int LOCK_SECONDS = 30;
    int MAX_LOCK_SECONDS = 900;
    int SESSION_MINUTES = 15;

    @AttributeDefinition(name = "Failures before lock-out", min = "1",
            description = "Failed logins of one account, or from one address, before it is locked out.")
    int maxFailures() default MAX_FAILURES;

    @AttributeDefinition(name = "Lock-out (s)", min = "1",
            description = "The first lock-out; it doubles with each further failure.")
    int lockSeconds() default LOCK_SECONDS;

    @AttributeDefinition(name = "Longest lock-out (s)", min = "1")
    int maxLockSeconds() default MAX_LOCK_SECONDS;

    @AttributeDefinition(name = "Session timeout (min)", min = "1",
            description = "A console session ends after this long without a request.")
    int sessionMinutes() default SESSION_MINUTES;

    @AttributeDefinition(name = "Plain HTTP", options = {
            @Option(label = "Redirect to HTTPS", value = "redirect"),
            @Option(label = "Off (HTTPS only)", value = "off")},
            description = "What plain HTTP does once HTTPS runs.")
    String httpMode() default "redirect";

    @AttributeDefinition(name = "Plain HTTP on loopback",
            description = "Clients on this machine (127.0.0.0/8, ::1) may use plain HTTP (local tools, probes).")
    boolean loopbackHttp() default true;
}
