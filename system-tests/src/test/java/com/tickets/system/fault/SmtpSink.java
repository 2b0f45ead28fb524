package com.tickets.system.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mail server for the fault suite: plain SMTP (no TLS, no AUTH) on a free loopback port, that keeps what
 * it was handed — the mail server's own record, as the gateway ledger is the payment provider's. The
 * notification worker sends to it as to any SMTP relay (not the in-memory mock mailer, which dies with a
 * killed worker), so "one confirmation per confirmed booking" is checked against what a buyer's mailbox
 * would have received. Every accepted message is counted under its {@code Message-ID}: a copy of a message
 * (same id, sent again after a crash between the send and its mark) is seen as such. Each message is
 * answered after {@code latency}, as a real relay takes a moment.
 */
final class SmtpSink implements AutoCloseable {

    /** One message id's deliveries: its booking ({@code X-Booking-Id}), subject, and how many times it was accepted. */
    record Received(String messageId, String bookingId, String subject, int copies) {
    }

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-sink");
        t.setDaemon(true);
        return t;
    });
    private final long latencyMillis;
    private final Map<String, Received> byMessageId = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    final AtomicInteger inData = new AtomicInteger();
    private volatile boolean open = true;

    private SmtpSink(Duration latency) throws IOException {
        this.latencyMillis = latency.toMillis();
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "smtp-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SmtpSink start(Duration latency) throws IOException {
        return new SmtpSink(latency);
    }

    int port() {
        return server.getLocalPort();
    }

    long accepted() {
        return accepted.get();
    }

    Collection<Received> received() {
        return byMessageId.values();
    }

    /** Message ids are {@code <event id@tickets.example.com>}: the event id, or the whole id if it has another shape. */
    static String eventIdOf(String messageId) {
        String id = messageId.replaceAll("[<>]", "").trim();
        int at = id.indexOf('@');
        return at < 0 ? id : id.substring(0, at);
    }

    private void accept() {
        while (open) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (open) {
                    pause(50);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 smtp-sink ready");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO" -> reply(out, "250 smtp-sink");
                    case "HELO" -> reply(out, "250 smtp-sink");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        inData.incrementAndGet();
                        try {
                            readMessage(in);
                            pause(latencyMillis);
                        } finally {
                            inData.decrementAndGet();
                        }
                        reply(out, "250 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok"); // MAIL, RCPT, RSET, NOOP
                }
            }
        } catch (IOException e) {
            // the client went away (a killed worker): whatever it had not finished sending was not accepted
        }
    }

    private void readMessage(BufferedReader in) throws IOException {
        String messageId = null;
        String bookingId = null;
        String subject = null;
        boolean headers = true;
        String line;
        List<String> headerLines = new ArrayList<>();
        while ((line = in.readLine()) != null && !line.equals(".")) {
            if (headers) {
                if (line.isEmpty()) {
                    headers = false;
                } else {
                    headerLines.add(line);
                }
            }
        }
        if (line == null) {
            throw new IOException("connection closed inside DATA");
        }
        for (String h : headerLines) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("message-id:")) {
                messageId = h.substring(11).trim();
            } else if (lower.startsWith("x-booking-id:")) {
                bookingId = h.substring(13).trim();
            } else if (lower.startsWith("subject:")) {
                subject = h.substring(8).trim();
            }
        }
        String id = messageId == null ? "no-message-id-" + accepted.get() : messageId;
        String booking = bookingId;
        String subj = subject;
        byMessageId.merge(id, new Received(id, booking, subj, 1),
                (a, b) -> new Received(a.messageId(), a.bookingId(), a.subject(), a.copies() + 1));
        accepted.incrementAndGet();
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        connections.shutdownNow();
    }
}
