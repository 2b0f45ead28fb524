package com.tickets.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain SMTP server on a free loopback port (no TLS, no AUTH) that counts every message it accepts by its
 * Message-ID: what a real mail server would have received, copies included, where the mock mailbox only
 * knows what the worker handed it.
 */
final class SmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-smtp");
        t.setDaemon(true);
        return t;
    });
    /** Message-ID -> how many times it was accepted. */
    final Map<String, Integer> accepted = new ConcurrentHashMap<>();
    /** Recipient -> Message-IDs accepted for it, in order. */
    final Map<String, java.util.List<String>> byRecipient = new ConcurrentHashMap<>();

    private SmtpServer() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.execute(() -> serve(s));
                } catch (IOException e) {
                    // closed
                }
            }
        }, "test-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SmtpServer start() {
        try {
            return new SmtpServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Socket socket) {
        try (socket; var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 test-smtp");
            String recipient = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                if (command.equals("RCPT")) {
                    recipient = line.replaceAll("(?i).*<([^>]*)>.*", "$1");
                    reply(out, "250 ok");
                } else if (command.equals("DATA")) {
                    reply(out, "354 go on");
                    String messageId = null;
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        if (messageId == null && line.toLowerCase(Locale.ROOT).startsWith("message-id:")) {
                            messageId = line.substring(11).trim();
                        }
                    }
                    if (line == null) {
                        return;
                    }
                    String id = messageId == null ? "none" : messageId;
                    accepted.merge(id, 1, Integer::sum);
                    if (recipient != null) {
                        byRecipient.computeIfAbsent(recipient, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(id);
                    }
                    reply(out, "250 accepted");
                } else if (command.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 ok"); // EHLO, HELO, MAIL, RSET, NOOP
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        connections.shutdownNow();
    }
}
