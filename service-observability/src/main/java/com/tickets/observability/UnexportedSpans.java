package com.tickets.observability;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;

import java.util.Collection;

/**
 * Where spans go when no OTLP endpoint is configured: nowhere. Trace context still flows (HTTP,
 * Kafka headers, outbox rows) and log lines still carry trace and span ids; only the export is off.
 *
 * <p>Why a bean: Quarkus 3.33 cannot switch its OTLP exporter off at runtime (an empty endpoint falls
 * back to {@code http://localhost:4317}, and {@code quarkus.otel.sdk.disabled} stops propagation too), so
 * without a collector every service would log a failed export every few seconds. Quarkus leaves its
 * OTLP exporter out whenever a {@code SpanExporter} bean exists; this one exists exactly while
 * {@code tickets.tracing.otlp-endpoint} is {@code none} (each service sets it from
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}, docs/operations.md).
 */
@Singleton
@LookupIfProperty(name = UnexportedSpans.ENDPOINT, stringValue = UnexportedSpans.NONE, lookupIfMissing = true)
public class UnexportedSpans implements SpanExporter {

    /** The OTLP endpoint spans are exported to, or {@value #NONE}. */
    public static final String ENDPOINT = "tickets.tracing.otlp-endpoint";
    public static final String NONE = "none";

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
