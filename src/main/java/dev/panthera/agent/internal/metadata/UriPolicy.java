package dev.panthera.agent.internal.metadata;

import dev.panthera.agent.internal.metadata.MetadataException.Kind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Which network URIs may be fetched: https anywhere; plain http only to this machine, where local
 * test servers and IPFS gateways live, because elsewhere anyone on the path could rewrite an
 * agent's configuration.
 */
final class UriPolicy {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private UriPolicy() {}

    /** Checks a URI about to be requested; {@code from} is the URI that redirected to it, or null. */
    static URI check(URI uri, URI from) {
        return check(uri, from, null);
    }

    /**
     * As {@link #check(URI, URI)}; {@code trustedHost} (the operator's IPFS gateway, which may well
     * be internal) is exempt from the public-address rule, which guards against minters' URIs.
     */
    static URI check(URI uri, URI from, String trustedHost) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw refused(from, describe(uri) + " has no usable host");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused(from, "credentials in a URI are not sent");
        }
        boolean loopback = LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
        if (scheme.equals("https") && !host.equalsIgnoreCase(trustedHost)) {
            requirePublic(host, from);
        }
        if (scheme.equals("https") || (scheme.equals("http") && loopback)) {
            if (from != null && "https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
                throw refused(from, "redirect from https down to http is not followed");
            }
            return uri;
        }
        if (scheme.equals("http")) {
            throw refused(from, "plain http is only allowed to localhost; use https");
        }
        throw refused(from, "scheme '" + scheme + "' is not supported (https, ipfs or data)");
    }

    /**
     * A token URI is chosen by whoever minted the token, so it must not make Panthera reach into its
     * own network (cloud metadata endpoints, admin services): every address the host resolves to
     * must be public. (A DNS answer that changes between this check and the connection is not
     * covered; an egress proxy is the complete answer.)
     */
    static void requirePublic(String host, URI from) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw refused(from, "host " + host + " cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw refused(from, "host " + host + " is a private or local address; token URIs must be public");
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xFE) == 0xFC; // fc00::/7
        boolean carrierNat = bytes.length == 4 && (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64; // 100.64/10
        return !uniqueLocalV6 && !carrierNat;
    }

    /** scheme://host[:port] — enough to say where, without paths or queries that may carry tokens. */
    static String describe(URI uri) {
        if (uri.getScheme() == null) {
            return "a relative URI";
        }
        if ("data".equalsIgnoreCase(uri.getScheme())) {
            return "a data: URI";
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static MetadataException refused(URI from, String why) {
        return new MetadataException(
                from == null ? Kind.UNSUPPORTED_URI : Kind.REDIRECT, from == null ? why : "redirect refused: " + why);
    }
}
