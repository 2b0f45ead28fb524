package com.tickets.api.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An attacker inside one IPv6 /64 can use a new address per request; they all share one bucket. */
class ClientAddressTest {

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        assertThat(ClientAddress.bucketOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.bucketOf("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.bucketOf("[2001:0db8:0001:0002:0:0:0:ffff]")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.bucketOf("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.bucketOf("2001:db8:1:2::1"));
    }

    @Test
    void ipv4AddressesCountAsThemselvesAlsoWhenMapped() {
        assertThat(ClientAddress.bucketOf("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.bucketOf("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
