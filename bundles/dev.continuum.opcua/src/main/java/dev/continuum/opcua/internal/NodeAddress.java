package dev.continuum.opcua.internal;

import java.util.Base64;
import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * A node id as written in channel configuration, in the OPC UA text form (Part 6, 5.3.1.10):
 * {@code [ns=<index>;|nsu=<uri>;]<i|s|g|b>=<identifier>} (numeric, string, GUID, opaque in base64).
 * A namespace URI is resolved against the server's namespace table once connected.
 *
 * @param namespaceIndex the index, or -1 when {@code namespaceUri} is given
 * @param namespaceUri the URI, or {@code null}
 * @param type {@code i}, {@code s}, {@code g} or {@code b}
 * @param identifier the parsed identifier (UInteger, String, UUID, ByteString)
 */
record NodeAddress(int namespaceIndex, String namespaceUri, char type, Object identifier) {

    static final String ACCEPTED = "ns=<index>;<i|s|g|b>=<id> or nsu=<uri>;<i|s|g|b>=<id>"
            + " (e.g. ns=2;s=Line/Press1/Temperature, ns=0;i=2258, nsu=urn:x;g=<uuid>, ns=2;b=<base64>)";

    /**
     * Parses a node id.
     *
     * @throws IllegalArgumentException naming the problem and the accepted forms
     */
    static NodeAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no node id; accepted: " + ACCEPTED);
        }
        String rest = text.trim();
        int index = 0;
        String uri = null;
        if (rest.startsWith("ns=") || rest.startsWith("nsu=")) {
            int semicolon = rest.indexOf(';');
            if (semicolon < 0) {
                throw bad(text, "no ';' after the namespace");
            }
            String namespace = rest.substring(0, semicolon);
            rest = rest.substring(semicolon + 1);
            if (namespace.startsWith("nsu=")) {
                uri = namespace.substring(4);
                index = -1;
                if (uri.isEmpty()) {
                    throw bad(text, "empty namespace URI");
                }
            } else {
                try {
                    index = Integer.parseInt(namespace.substring(3));
                } catch (NumberFormatException e) {
                    throw bad(text, "namespace index '" + namespace.substring(3) + "' is not a number");
                }
                if (index < 0 || index > 65535) {
                    throw bad(text, "namespace index " + index + " is not in 0..65535");
                }
            }
        }
        if (rest.length() < 3 || rest.charAt(1) != '=') {
            throw bad(text, "identifier must start with i=, s=, g= or b=");
        }
        char type = rest.charAt(0);
        String value = rest.substring(2);
        return new NodeAddress(index, uri, type, identifier(text, type, value));
    }

    private static Object identifier(String text, char type, String value) {
        try {
            return switch (type) {
                case 'i' -> UInteger.valueOf(Long.parseLong(value));
                case 's' -> value;
                case 'g' -> UUID.fromString(value);
                case 'b' -> ByteString.of(Base64.getDecoder().decode(value));
                default -> throw bad(text, "identifier type '" + type + "' is not i, s, g or b");
            };
        } catch (NumberFormatException e) {
            throw bad(text, "numeric identifier '" + value + "' is not an unsigned 32-bit number");
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("bad node id")) {
                throw e;
            }
            throw bad(text, (type == 'g' ? "GUID" : "base64 identifier") + " '" + value + "' is malformed");
        }
    }

    private static IllegalArgumentException bad(String text, String problem) {
        return new IllegalArgumentException("bad node id '" + text + "': " + problem + "; accepted: " + ACCEPTED);
    }

    /**
     * The Milo node id, resolving a namespace URI with {@code namespaces}.
     *
     * @throws IllegalArgumentException if the server does not know the namespace URI
     */
    NodeId resolve(NamespaceTable namespaces) {
        UShort ns;
        if (namespaceUri != null) {
            ns = namespaces.getIndex(namespaceUri);
            if (ns == null) {
                throw new IllegalArgumentException("the server has no namespace '" + namespaceUri + "'");
            }
        } else {
            ns = UShort.valueOf(namespaceIndex);
        }
        return switch (type) {
            case 'i' -> new NodeId(ns, (UInteger) identifier);
            case 's' -> new NodeId(ns, (String) identifier);
            case 'g' -> new NodeId(ns, (UUID) identifier);
            default -> new NodeId(ns, (ByteString) identifier);
        };
    }

    /** The text form {@code ns=N;x=...} of a Milo node id (as browse returns it). */
    static String format(NodeId id) {
        String identifier = switch (id.getType()) {
            case Numeric -> "i=" + id.getIdentifier();
            case String -> "s=" + id.getIdentifier();
            case Guid -> "g=" + id.getIdentifier();
            case Opaque -> "b=" + Base64.getEncoder().encodeToString(((ByteString) id.getIdentifier()).bytesOrEmpty());
        };
        return "ns=" + id.getNamespaceIndex() + ";" + identifier;
    }
}
