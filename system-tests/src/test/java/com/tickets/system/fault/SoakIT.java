package com.tickets.system.fault;

import com.tickets.local.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A steady on-sale for a long time with every worker running, and no fault: what must not creep. Every
 * {@code interval} it samples each service (heap used, threads, open files, resident memory), the Kafka
 * broker process, the database's connections per service and the consumers' lag, prints a {@code SOAK |}
 * line and writes {@code target/soak-samples.csv}. At the end, each measure over the last fifth of the run
 * must stay within a margin of where it stood early on (the second fifth, once warm): flat, not growing;
 * and the run is checked like any fault scenario (every booking settled, nothing charged or mailed twice,
 * the audit adds up). Off by default: {@code -Dsoak=true}, {@code -Dsoak.minutes=30} (default),
 * {@code -Dsoak.rate=100} new bookings a second (default), {@code -Dsoak.buyers=64}.
 */
@ExtendWith(FaultStackExtension.class)
@EnabledIfSystemProperty(named = "soak", matches = "true")
class SoakIT {

    static final Path SAMPLES = Path.of("target", "soak-samples.csv");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** One measure of one process (or the database) at one moment. */
    record Sample(double minute, String process, double heapMb, double threads, double openFiles, double rssMb,
                  double dbConnections, double lag, double bookingsPerSecond) {
    }

    @Test
    void aLongSteadyOnSaleLeavesNothingGrowing(FaultStack stack) throws Exception {
        Duration length = Duration.ofMinutes(Integer.getInteger("soak.minutes", 30));
        int rate = Integer.getInteger("soak.rate", 100);
        int buyers = Integer.getInteger("soak.buyers", 64);
        Duration interval = Duration.ofSeconds(Math.max(15, Math.min(60, length.toSeconds() / 40)));
        Tier tier = Tier.onSale(stack.api(), "Soak", "15.00");
        List<Sample> samples = new ArrayList<>();
        Files.createDirectories(SAMPLES.toAbsolutePath().getParent());
        Files.writeString(SAMPLES, "minute,process,heap_mb,threads,open_files,rss_mb,db_connections,lag,bookings_per_s\n");

        var outcome = FaultScenario.run(stack, "soak", tier, buyers, rate, run -> {
            long start = System.nanoTime();
            int lastCreated = 0;
            long lastAt = start;
            while (System.nanoTime() - start < length.toNanos()) {
                Thread.sleep(interval.toMillis());
                long now = System.nanoTime();
                int created = run.load.created.get();
                double perSecond = (created - lastCreated) / ((now - lastAt) / 1e9);
                lastCreated = created;
                lastAt = now;
                List<Sample> taken = sample(stack, (now - start) / 60e9, perSecond);
                samples.addAll(taken);
                record(taken);
            }
            return "none: %d minutes of steady load at up to %d new bookings/s, %d samples every %d s".formatted(length.toMinutes(),
                    rate, samples.stream().map(Sample::minute).distinct().count(), interval.toSeconds());
        });

        List<String> creeping = creeping(samples);
        System.out.println("SOAK SUMMARY | " + outcome.load().describe() + " | " + summary(samples) + " | creeping: "
                + (creeping.isEmpty() ? "none" : creeping));
        assertThat(creeping).as("measures that grew over the run").isEmpty();
        FaultScenario.assertHeld(outcome);
    }

    /** Every process of the stack, and the database and the consumers' lag (as a process "postgres" / "kafka-lag"). */
    private static List<Sample> sample(FaultStack stack, double minute, double perSecond) throws Exception {
        List<Sample> taken = new ArrayList<>();
        Map<String, Double> connections = connectionsByDatabase(stack);
        long lag = ConsumerLag.of(stack.kafkaBootstrapServers(), stack.topicsByGroup());
        for (String name : List.of(FaultStack.API_1, FaultStack.API_2, FaultStack.PAYMENTS, FaultStack.MAILS, FaultStack.ANALYTICS)) {
            ServiceProcess p = stack.service(name);
            if (p == null) {
                continue;
            }
            Map<String, Double> m = metrics(p);
            String db = name.startsWith("booking-api") ? "booking" : name.equals(FaultStack.PAYMENTS) ? "payment"
                    : name.equals(FaultStack.MAILS) ? "notification" : "analytics";
            taken.add(new Sample(minute, name, m.getOrDefault("heap", -1.0) / 1e6, m.getOrDefault("threads", -1.0),
                    openFiles(p.pid()), rssMb(p.pid()), connections.getOrDefault(db, 0.0), lag, perSecond));
        }
        long kafka = stack.kafka().pid();
        taken.add(new Sample(minute, "kafka-broker", -1, threads(kafka), openFiles(kafka), rssMb(kafka), -1, lag, perSecond));
        taken.add(new Sample(minute, "postgres", -1, -1, -1, -1, connections.values().stream().mapToDouble(d -> d).sum(), lag,
                perSecond));
        return taken;
    }

    private static Map<String, Double> metrics(ServiceProcess p) {
        Map<String, Double> m = new LinkedHashMap<>();
        try {
            String body = HTTP.send(HttpRequest.newBuilder(p.management().resolve("/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double heap = 0;
            for (String line : body.lines().toList()) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    heap += value(line);
                } else if (line.startsWith("jvm_threads_live_threads")) {
                    m.put("threads", value(line));
                }
            }
            m.put("heap", heap);
        } catch (Exception e) {
            // a process too busy to answer in 10 s: the sample says -1
        }
        return m;
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static Map<String, Double> connectionsByDatabase(FaultStack stack) throws Exception {
        Map<String, Double> byDb = new LinkedHashMap<>();
        try (var c = Snapshot.connect(stack.jdbcUrl("booking"));
             var rs = c.createStatement().executeQuery("select datname, count(*) from pg_stat_activity where datname like 'sys\\_%' "
                     + "and pid <> pg_backend_pid() group by datname")) {
            while (rs.next()) {
                String name = rs.getString(1);
                for (String db : List.of("booking", "payment", "notification", "analytics")) {
                    if (name.startsWith("sys_" + db)) {
                        byDb.put(db, (double) rs.getLong(2));
                    }
                }
            }
        }
        return byDb;
    }

    private static double openFiles(long pid) {
        String[] fds = Path.of("/proc", Long.toString(pid), "fd").toFile().list();
        return fds == null ? -1 : fds.length;
    }

    private static double rssMb(long pid) {
        return status(pid, "VmRSS:") / 1024.0;
    }

    private static double threads(long pid) {
        return status(pid, "Threads:");
    }

    private static double status(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith(field))
                    .map(l -> l.substring(field.length()).trim().split("\\s+")[0]).mapToDouble(Double::parseDouble).findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void record(List<Sample> taken) throws IOException {
        StringBuilder csv = new StringBuilder();
        for (Sample s : taken) {
            csv.append("%.1f,%s,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f%n".formatted(s.minute(), s.process(), s.heapMb(), s.threads(),
                    s.openFiles(), s.rssMb(), s.dbConnections(), s.lag(), s.bookingsPerSecond()));
            System.out.printf("SOAK | %5.1f min %-20s heap %4.0f MB, threads %3.0f, open files %4.0f, RSS %4.0f MB, db connections %3.0f,"
                            + " lag %5.0f, %4.0f bookings/s%n", s.minute(), s.process(), s.heapMb(), s.threads(), s.openFiles(),
                    s.rssMb(), s.dbConnections(), s.lag(), s.bookingsPerSecond());
        }
        Files.writeString(SAMPLES, csv, java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * Measures whose last fifth rose above their early level (the second fifth) by more than a margin:
     * threads +10, open files +30, database connections +5, resident memory +25 % (+50 MB), the lowest heap
     * of the window (what stays after the collections) +50 % (+32 MB), the consumers' lag twice its early peak (+1,000).
     */
    static List<String> creeping(List<Sample> samples) {
        List<String> creeping = new ArrayList<>();
        List<Double> minutes = samples.stream().map(Sample::minute).distinct().sorted().toList();
        if (minutes.size() < 5) {
            return List.of("too few samples (" + minutes.size() + ") to tell");
        }
        double end = minutes.get(minutes.size() * 4 / 5);
        double earlyFrom = minutes.get(minutes.size() / 5);
        double earlyTo = minutes.get(minutes.size() * 2 / 5);
        for (String process : samples.stream().map(Sample::process).distinct().toList()) {
            List<Sample> early = samples.stream().filter(s -> s.process().equals(process) && s.minute() >= earlyFrom
                    && s.minute() <= earlyTo).toList();
            List<Sample> last = samples.stream().filter(s -> s.process().equals(process) && s.minute() >= end).toList();
            check(creeping, process, "threads", early, last, Sample::threads, true, 1.0, 10);
            check(creeping, process, "open files", early, last, Sample::openFiles, true, 1.0, 30);
            check(creeping, process, "db connections", early, last, Sample::dbConnections, true, 1.0, 5);
            check(creeping, process, "RSS MB", early, last, Sample::rssMb, true, 1.25, 50);
            check(creeping, process, "heap MB (lowest)", early, last, Sample::heapMb, false, 1.5, 32);
        }
        List<Sample> earlyLag = samples.stream().filter(s -> s.process().equals("postgres") && s.minute() >= earlyFrom
                && s.minute() <= earlyTo).toList();
        List<Sample> lastLag = samples.stream().filter(s -> s.process().equals("postgres") && s.minute() >= end).toList();
        check(creeping, "consumers", "lag", earlyLag, lastLag, Sample::lag, true, 2.0, 1000);
        return creeping;
    }

    private static void check(List<String> creeping, String process, String what, List<Sample> early, List<Sample> last,
                              ToDoubleFunction<Sample> measure, boolean byMax, double factor, double slack) {
        var e = early.stream().mapToDouble(measure).filter(v -> v >= 0);
        var l = last.stream().mapToDouble(measure).filter(v -> v >= 0);
        var earlyValue = byMax ? e.max() : e.min();
        var lastValue = byMax ? l.max() : l.min();
        if (earlyValue.isPresent() && lastValue.isPresent() && lastValue.getAsDouble() > earlyValue.getAsDouble() * factor + slack) {
            creeping.add("%s %s: %.0f early, %.0f at the end".formatted(process, what, earlyValue.getAsDouble(), lastValue.getAsDouble()));
        }
    }

    /** Per process: the first and the last sample's threads, files, RSS, heap; the database's connections; the lag. */
    private static String summary(List<Sample> samples) {
        StringBuilder s = new StringBuilder();
        for (String process : samples.stream().map(Sample::process).distinct().toList()) {
            List<Sample> of = samples.stream().filter(x -> x.process().equals(process)).toList();
            Sample first = of.get(0);
            Sample last = of.get(of.size() - 1);
            s.append("%s: threads %.0f→%.0f, files %.0f→%.0f, RSS %.0f→%.0f MB, heap %.0f→%.0f MB, db %.0f→%.0f; ".formatted(process,
                    first.threads(), last.threads(), first.openFiles(), last.openFiles(), first.rssMb(), last.rssMb(),
                    first.heapMb(), last.heapMb(), first.dbConnections(), last.dbConnections()));
        }
        Sample last = samples.get(samples.size() - 1);
        return s.append("lag at the end %.0f".formatted(last.lag())).toString();
    }
}
