package com.tickets.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service's built {@code quarkus-run.jar} running as a child process, configured only by
 * environment variables (as in a container). Used by the local stack and the system tests.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Every service runs with this profile outside production (built-in dev secrets, demo organizers). */
    public static final String PROFILE = "local";

    private final String name;
    private final URI base;
    private final URI management;
    private final Process process;
    private final Path log;
    private final long launchedAt = System.nanoTime();
    private volatile Duration readyAfter;
    private volatile String lastReadinessAnswer = "none yet";

    private ServiceProcess(String name, URI base, URI management, Process process, Path log) {
        this.name = name;
        this.base = base;
        this.management = management;
        this.process = process;
        this.log = log;
    }

    public static Path jarOf(Path root, String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Starts {@code jar} with the {@value #PROFILE} profile, its API on {@code port} and its management
     * interface (health, metrics, OpenAPI) on {@code managementPort}; {@code env} may override the profile.
     */
    public static ServiceProcess start(String name, Path jar, int port, int managementPort, Map<String, String> env,
                                       Path logDir, List<String> jvmArgs) throws IOException {
        return start(name, jar, port, managementPort, env, logDir, jvmArgs, 0);
    }

    /**
     * As {@link #start(String, Path, int, int, Map, Path, List)}, at a lower CPU priority when
     * {@code niceness} is above 0 and {@code nice} exists (it execs the JVM, so the pid is the JVM's).
     */
    public static ServiceProcess start(String name, Path jar, int port, int managementPort, Map<String, String> env,
                                       Path logDir, List<String> jvmArgs, int niceness) throws IOException {
        return start(name, jar, port, managementPort, env, logDir, jvmArgs, niceness,
                Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** As {@link #start(String, Path, int, int, Map, Path, List, int)}, on the JVM {@code java} (a {@code bin/java}). */
    public static ServiceProcess start(String name, Path jar, int port, int managementPort, Map<String, String> env,
                                       Path logDir, List<String> jvmArgs, int niceness, Path java) throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new java.util.ArrayList<>();
        if (niceness > 0 && Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", Integer.toString(niceness)));
        }
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_PROFILE", PROFILE);
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(managementPort));
        String host = hostOf(env.getOrDefault("MANAGEMENT_HOST", "localhost"));
        return new ServiceProcess(name, URI.create("http://" + hostOf(env.getOrDefault("HTTP_HOST", "localhost")) + ":" + port),
                URI.create("http://" + host + ":" + managementPort), builder.start(), log);
    }

    public String name() {
        return name;
    }

    /** The public API: {@code /api/...}, the web page. */
    public URI base() {
        return base;
    }

    /** The management interface: {@code /q/health/...}, {@code /q/metrics}, {@code /q/openapi}, {@code /q/swagger-ui}. */
    public URI management() {
        return management;
    }

    /** Where a client on this machine reaches a service listening on {@code bindHost}. */
    private static String hostOf(String bindHost) {
        if (List.of("0.0.0.0", "::", "127.0.0.1", "localhost").contains(bindHost)) {
            return "localhost";
        }
        return bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM and wait: the exit code, or -1 if it had not stopped within the timeout. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Waits until {@code /q/health/ready} answers 200 on the management port; false on timeout or if the process died. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                // headroom for a loaded machine: a slow answer is not "not ready" (payment-worker answered
                // within 0.8 s even under a 59,000-record lag, docs/reliability.md "The stack")
                var response = http.send(HttpRequest.newBuilder(management.resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    if (readyAfter == null) {
                        readyAfter = Duration.ofNanos(System.nanoTime() - launchedAt);
                    }
                    return true;
                }
                lastReadinessAnswer = response.statusCode() + " " + response.body().replaceAll("\\s+", " ");
            } catch (IOException e) {
                // not listening yet, or no answer within the request's timeout
                lastReadinessAnswer = "no answer (" + e.getClass().getSimpleName() + ")";
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * Why {@link #awaitReady} gave up, for a test's failure message (the only thing a CI run shows):
     * whether the process exited (and its log's last lines, where a failed start says why) or kept
     * running without becoming ready (the last readiness answer; a thread dump goes to the log).
     */
    public String whyNotReady() {
        if (!process.isAlive()) {
            return "exited with code " + process.exitValue() + " before it was ready; the end of its log: "
                    + String.join(" | ", lastLines(8));
        }
        threadDumpToLog();
        return "still running, not ready; last readiness answer: " + lastReadinessAnswer
                + "; a thread dump is at the end of its log";
    }

    private List<String> lastLines(int n) {
        try (var lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return all.subList(Math.max(0, all.size() - n), all.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }

    /** SIGQUIT: the JVM prints every thread's stack to its output (the log) and goes on. */
    private void threadDumpToLog() {
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
            Thread.sleep(1_000);
        } catch (IOException e) {
            // no kill command: the message still says what was seen
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** From launch to the first ready answer {@link #awaitReady} saw (to within its 0.1 s polls); null before. */
    public Duration readyAfter() {
        return readyAfter;
    }

    /** SIGKILL: no shutdown hooks, no draining (fault tests). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
