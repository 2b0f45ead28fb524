package com.tickets.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every test of the services relies on, for both kinds of server: a database can be created and
 * used, Redis keeps a value, Kafka carries a record, and a stopped server refuses connections and
 * comes back on the same address with its data (the fault tests).
 */
abstract class ServersContract {

    abstract PostgresServer restartablePostgres();

    abstract RedisServer redis();

    abstract KafkaBroker kafka();

    @Test
    void postgresCreatesADatabaseAndComesBackAfterAStopWithItsData() throws Exception {
        try (PostgresServer pg = restartablePostgres()) {
            String url = pg.createDatabase("contract_" + UUID.randomUUID().toString().substring(0, 8).replace("-", ""));
            try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password()); var s = c.createStatement()) {
                s.execute("create table kept (v int)");
                s.execute("insert into kept values (42)");
            }
            pg.stop();
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, pg.username(), pg.password()).close());
            pg.restart();
            try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password()); var s = c.createStatement()) {
                var rs = s.executeQuery("select v from kept");
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    @Test
    void redisAnswersAndComesBackAfterAStop() throws Exception {
        try (RedisServer redis = redis()) {
            assertTrue(redis.url().startsWith("redis://"), redis.url());
            assertEquals("+OK", command(redis, "SET contract yes"));
            assertEquals("$3", command(redis, "GET contract"));
            redis.stop();
            assertThrows(IOException.class, () -> command(redis, "PING"));
            redis.restart();
            assertEquals("+PONG", command(redis, "PING"));
        }
    }

    @Test
    void kafkaCarriesARecordAndComesBackAfterAStop() {
        try (KafkaBroker kafka = kafka()) {
            String topic = "contract-" + UUID.randomUUID();
            send(kafka, topic, "before");
            kafka.stop();
            kafka.restart();
            send(kafka, topic, "after");
            assertEquals(List.of("before", "after"), read(kafka, topic, 2));
        }
    }

    private static String command(RedisServer redis, String command) throws IOException {
        try (Socket socket = new Socket(redis.host(), redis.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\r'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        }
    }

    private static void send(KafkaBroker kafka, String topic, String value) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, "one-key", value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> read(KafkaBroker kafka, String topic, int count) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "contract-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
