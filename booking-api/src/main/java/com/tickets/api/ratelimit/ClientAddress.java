package com.tickets.api.ratelimit;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client's address for per-IP limits: the connection's remote address. Behind a proxy (the
 * Ingress) that is the proxy, so set {@code quarkus.http.proxy.proxy-address-forwarding} and
 * {@code allow-x-forwarded} ({@code BOOKING_BEHIND_PROXY=true}); Quarkus then reports the address from
 * X-Forwarded-For here. Without that setting the header is ignored, so a client cannot pick its own
 * bucket by sending one.
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
        return host != null ? host : remote.toString();
    }
}
