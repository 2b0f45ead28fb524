/**
 * What every service needs to be observed the same way:
 * <ul>
 *   <li>{@link com.tickets.observability.Traceparents}: the W3C {@code traceparent} of the current span
 *       (written into outbox rows and Kafka headers), and the trace a Kafka record carries (to continue
 *       it in what its consumer does);</li>
 *   <li>{@link com.tickets.observability.UnexportedSpans}: spans are exported over OTLP only when an
 *       endpoint is configured, and nothing tries to reach a collector that is not there;</li>
 *   <li>{@link com.tickets.observability.LatencyHistograms}: request latency as histogram buckets, which
 *       add up across replicas.</li>
 * </ul>
 * A plain jar with a Jandex index (so each service's CDI discovers the beans); it brings no Quarkus
 * extension that the services do not already have.
 */
package com.tickets.observability;
