package com.tickets.system;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for an OpenTelemetry collector: takes the services' spans over OTLP/HTTP
 * ({@code http/protobuf}, {@code POST /v1/traces}) and keeps who sent which span of which trace. It reads
 * only the few fields it needs straight from the protobuf wire format (opentelemetry/proto/collector/trace/v1:
 * request → resource spans → the resource's {@code service.name}, and scope spans → spans: trace id, span
 * id, parent span id, name), so it needs no generated classes.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One span as a service exported it; ids in lower-case hex, as in a traceparent. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                InputStream body = exchange.getRequestBody();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    body = new GZIPInputStream(body);
                }
                byte[] request = body.readAllBytes();
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + request.length + " bytes");
                try {
                    if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                        spans.addAll(read(request));
                    }
                } catch (RuntimeException unreadable) {
                    requests.add("unreadable: " + unreadable);
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: all accepted
            }
        });
        server.start();
    }

    /** Where the services export to ({@code OTEL_EXPORTER_OTLP_ENDPOINT}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What was asked of it, for a failing test's message. */
    List<String> requests() {
        return requests;
    }

    List<ReceivedSpan> inTrace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static List<ReceivedSpan> read(byte[] exportTraceServiceRequest) {
        List<ReceivedSpan> found = new java.util.ArrayList<>();
        Wire request = new Wire(exportTraceServiceRequest);
        while (request.more()) {
            if (request.field() == 1) { // resource_spans
                Wire resourceSpans = request.message();
                String service = "";
                List<byte[]> scopeSpans = new java.util.ArrayList<>();
                while (resourceSpans.more()) {
                    switch (resourceSpans.field()) {
                        case 1 -> service = serviceName(resourceSpans.message());
                        case 2 -> scopeSpans.add(resourceSpans.bytes());
                        default -> resourceSpans.skip();
                    }
                }
                for (byte[] scope : scopeSpans) {
                    Wire spansOfScope = new Wire(scope);
                    while (spansOfScope.more()) {
                        if (spansOfScope.field() == 2) { // spans
                            found.add(span(service, spansOfScope.message()));
                        } else {
                            spansOfScope.skip();
                        }
                    }
                }
            } else {
                request.skip();
            }
        }
        return found;
    }

    private static String serviceName(Wire resource) {
        String service = "";
        while (resource.more()) {
            if (resource.field() == 1) { // attributes: KeyValue
                Wire keyValue = resource.message();
                String key = null;
                String value = null;
                while (keyValue.more()) {
                    switch (keyValue.field()) {
                        case 1 -> key = keyValue.string();
                        case 2 -> { // AnyValue
                            Wire any = keyValue.message();
                            while (any.more()) {
                                if (any.field() == 1) {
                                    value = any.string();
                                } else {
                                    any.skip();
                                }
                            }
                        }
                        default -> keyValue.skip();
                    }
                }
                if ("service.name".equals(key) && value != null) {
                    service = value;
                }
            } else {
                resource.skip();
            }
        }
        return service;
    }

    private static ReceivedSpan span(String service, Wire span) {
        HexFormat hex = HexFormat.of();
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        while (span.more()) {
            switch (span.field()) {
                case 1 -> traceId = hex.formatHex(span.bytes());
                case 2 -> spanId = hex.formatHex(span.bytes());
                case 4 -> parent = hex.formatHex(span.bytes());
                case 5 -> name = span.string();
                default -> span.skip();
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name);
    }

    /** A protobuf message being read: tags, then the value of the field just read (or skip it). */
    private static final class Wire {
        private final byte[] buffer;
        private int position;
        private int wireType;

        Wire(byte[] buffer) {
            this.buffer = buffer;
        }

        boolean more() {
            return position < buffer.length;
        }

        int field() {
            long tag = varint();
            wireType = (int) (tag & 7);
            return (int) (tag >>> 3);
        }

        byte[] bytes() {
            int length = (int) varint();
            byte[] value = java.util.Arrays.copyOfRange(buffer, position, position + length);
            position += length;
            return value;
        }

        Wire message() {
            return new Wire(bytes());
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> position += 8;
                case 2 -> {
                    int length = (int) varint(); // before the +=, which would read position first
                    position += length;
                }
                case 5 -> position += 4;
                default -> throw new IllegalStateException("wire type " + wireType + " at " + position);
            }
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = buffer[position++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }
    }
}
