package dev.panthera.identity.internal.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The client's IP address as far as Panthera can vouch for it: the socket's peer, unless that peer
 * is one of {@code panthera.trusted-proxies} (IPs or CIDRs, v4 and v6); then {@code X-Forwarded-For}
 * is walked from the right, past our own proxies, to the first address they did not add. A header
 * from an untrusted peer is never read, since anyone can write one.
 */
public final class ClientIp {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    /** Walking a very long chain is no use; real proxy chains are a few hops. */
    private static final int MAX_HOPS = 32;

    private static final Map<List<String>, ClientIp> CACHE = new ConcurrentHashMap<>();

    private final List<Network> trusted;

    private ClientIp(List<Network> trusted) {
        this.trusted = trusted;
    }

    /** A resolver for these proxies; throws {@link IllegalArgumentException} naming a bad entry. */
    public static ClientIp trusting(List<String> trustedProxies) {
        List<Network> networks = new ArrayList<>();
        for (String entry : trustedProxies == null ? List.<String>of() : trustedProxies) {
            networks.add(Network.parse(entry));
        }
        return new ClientIp(List.copyOf(networks));
    }

    /** Resolves with the proxies from configuration (parsed once per distinct list). */
    public static String resolve(HttpServletRequest request, List<String> trustedProxies) {
        List<String> key = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        if (CACHE.size() > 64) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(key, ClientIp::trusting).resolve(request);
    }

    public String resolve(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        InetAddress peer = parseLiteral(remote);
        if (peer == null) {
            return remote == null || remote.isBlank() ? "unknown" : remote;
        }
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        InetAddress current = peer;
        List<String> hops = forwardedFor(request);
        for (int i = hops.size() - 1, seen = 0; i >= 0 && seen < MAX_HOPS; i--, seen++) {
            InetAddress hop = parseLiteral(hops.get(i));
            if (hop == null) {
                break; // garbage in the chain: the last hop we could vouch for is the answer
            }
            current = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return current.getHostAddress();
    }

    boolean isTrusted(InetAddress address) {
        for (Network network : trusted) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }

    /**
     * Parses an IP literal (optionally {@code [v6]}, {@code v4:port} or with a zone) without ever
     * asking DNS: a forwarded value is attacker-controlled, a host name in it must not cause lookups.
     */
    static InetAddress parseLiteral(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            s = end < 0 ? "" : s.substring(1, end);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') > 0) {
            s = s.substring(0, s.indexOf(':'));
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        try {
            if (IPV4.matcher(s).matches()) {
                byte[] bytes = new byte[4];
                String[] octets = s.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(octets[i]);
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            // starting with a hex digit or ':' and holding a ':', the JDK parses a literal or fails;
            // it only resolves names that do not look like that
            return IPV6.matcher(s).matches() ? InetAddress.getByName(s) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** An address with a prefix length; a bare address is a network of one. */
    record Network(byte[] address, int prefix) {

        static Network parse(String entry) {
            String text = entry == null ? "" : entry.strip();
            int slash = text.indexOf('/');
            InetAddress address = parseLiteral(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("panthera.trusted-proxies: not an IP or CIDR: '" + entry + "'");
            }
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException(
                            "panthera.trusted-proxies: bad prefix length in '" + entry + "'");
                }
            }
            return new Network(address.getAddress(), prefix);
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (other[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (other[full] & mask) == (address[full] & mask);
        }
    }
}
