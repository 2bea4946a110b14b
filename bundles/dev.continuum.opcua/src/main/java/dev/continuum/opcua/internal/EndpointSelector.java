package dev.continuum.opcua.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;

/**
 * Picks the endpoint the configuration asks for from those a server offers (GetEndpoints, Part 4, 5.4.4)
 * and points it at the configured host and port (servers often advertise names the gateway cannot resolve).
 */
final class EndpointSelector {

    static final String ACCEPTED_POLICIES = "None, Basic256Sha256, Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss";

    private final SecurityPolicy policy;
    private final MessageSecurityMode mode;

    /**
     * @throws ConfigurationException for an unknown policy or mode, or None without {@code allowNone}
     */
    EndpointSelector(String policyName, String modeName, boolean allowNone) throws ConfigurationException {
        this.policy = policy(policyName);
        if (policy == SecurityPolicy.None) {
            if (!allowNone) {
                throw new ConfigurationException("security policy None is refused: the connection would be neither"
                        + " signed nor encrypted; choose one of Basic256Sha256, Aes128_Sha256_RsaOaep,"
                        + " Aes256_Sha256_RsaPss, or set allowNone=true to accept it explicitly");
            }
            this.mode = MessageSecurityMode.None;
        } else if ("Sign".equalsIgnoreCase(modeName.trim())) {
            this.mode = MessageSecurityMode.Sign;
        } else if ("SignAndEncrypt".equalsIgnoreCase(modeName.trim())) {
            this.mode = MessageSecurityMode.SignAndEncrypt;
        } else {
            throw new ConfigurationException("security mode '" + modeName + "' is not Sign or SignAndEncrypt");
        }
    }

    private static SecurityPolicy policy(String name) throws ConfigurationException {
        for (SecurityPolicy candidate : List.of(SecurityPolicy.None, SecurityPolicy.Basic256Sha256,
                SecurityPolicy.Aes128_Sha256_RsaOaep, SecurityPolicy.Aes256_Sha256_RsaPss)) {
            if (candidate.name().equalsIgnoreCase(name.trim())) {
                return candidate;
            }
        }
        throw new ConfigurationException("security policy '" + name + "' is not supported; accepted: " + ACCEPTED_POLICIES);
    }

    /**
     * The matching endpoint, its URL rewritten to {@code configuredUrl}'s host and port.
     *
     * @throws ConfigurationException naming what the server offers when nothing matches
     */
    EndpointDescription select(List<EndpointDescription> endpoints, String configuredUrl) throws ConfigurationException {
        for (EndpointDescription endpoint : endpoints) {
            if (policy.getUri().equals(endpoint.getSecurityPolicyUri()) && endpoint.getSecurityMode() == mode
                    && endpoint.getEndpointUrl().startsWith("opc.tcp:")) {
                return EndpointUtil.updateUrl(endpoint, EndpointUtil.getHost(configuredUrl),
                        EndpointUtil.getPort(configuredUrl));
            }
        }
        boolean onlyNone = !endpoints.isEmpty() && endpoints.stream()
                .allMatch(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()));
        if (onlyNone) {
            throw new ConfigurationException("the server offers only security policy None, which this configuration"
                    + " does not allow (it asks for " + policy.name() + "/" + mode + "; set securityPolicy=None and"
                    + " allowNone=true to accept an unsecured connection)");
        }
        throw new ConfigurationException("the server offers no endpoint with " + policy.name() + "/" + mode
                + "; it offers: " + endpoints.stream().map(e -> short_(e.getSecurityPolicyUri()) + "/" + e.getSecurityMode())
                        .distinct().collect(Collectors.joining(", ")));
    }

    private static String short_(String uri) {
        return uri.substring(uri.lastIndexOf('#') + 1);
    }

    /** A configuration that cannot work as written: retrying will not help until it changes. */
    static final class ConfigurationException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigurationException(String message) {
            super(message);
        }
    }
}
