package com.tickets.api.ratelimit;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client's address for per-address limits: the connection's remote address. Behind a proxy
 * (the Ingress) that is the proxy, so set {@code quarkus.http.proxy.proxy-address-forwarding} and
 * {@code allow-x-forwarded} ({@code BOOKING_BEHIND_PROXY=true}); Quarkus then reports the address from
 * X-Forwarded-For here. Without that setting the header is ignored, so a client cannot pick its own
 * bucket by sending one.
 *
 * <p>IPv6 addresses count by their /64: that is what one subscriber line or host is given, and
 * within it an attacker can take a fresh address for every request.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        String host = remote.hostAddress();
        return bucketOf(host != null ? host : remote.toString());
    }

    /** The bucket of a literal address: IPv4 as it is, IPv6 as its /64 prefix ({@code 2001:db8:1:2::/64}). */
    static String bucketOf(String host) {
        if (host.indexOf(':') < 0) {
            return host;
        }
        try {
            InetAddress address = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress(); // an IPv4-mapped address counts as its IPv4
            }
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return host; // not a literal address: counted as it is
        }
    }
}
