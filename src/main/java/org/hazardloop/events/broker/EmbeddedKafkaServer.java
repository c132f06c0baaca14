package org.hazardloop.events.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM, for
 * the embedded default: {@code ./mvnw spring-boot:run} needs no broker installed, just as it needs no
 * database. Listens on 127.0.0.1 only. The log directory is formatted once with Kafka's own
 * {@link StorageTool}; later starts reuse it, so topics and their events survive restarts.
 *
 * <p>Not for production: one node, replication factor 1.
 */
public class EmbeddedKafkaServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaServer.class);
    private static final int NODE_ID = 1;

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    public EmbeddedKafkaServer(Path logDir, int port, int controllerPort) {
        this.logDir = logDir.toAbsolutePath().normalize();
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        Properties config = config();
        formatOnce(config);
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
        log.info("Embedded Kafka broker listening on {} (log directory {})", bootstrapServers(), logDir);
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("Embedded Kafka broker on {} stopped", bootstrapServers());
    }

    private Properties config() {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        config.put("num.partitions", "3");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    /** {@code kafka-storage.sh format}, once: a formatted directory has meta.properties. */
    private void formatOnce(Properties config) {
        try {
            Files.createDirectories(logDir);
            if (Files.exists(logDir.resolve("meta.properties"))) {
                return;
            }
            Path configFile = Files.createTempFile("hazard-loop-kafka", ".properties");
            try {
                try (OutputStream out = Files.newOutputStream(configFile)) {
                    config.store(out, "embedded Kafka broker of Hazard Loop");
                }
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                int exit = StorageTool.execute(new String[] {
                        "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString(),
                        "--ignore-formatted"}, new PrintStream(output, true, StandardCharsets.UTF_8));
                if (exit != 0) {
                    throw new IllegalStateException("Kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
                }
                log.info("Formatted {} for the embedded Kafka broker", logDir);
            } finally {
                Files.deleteIfExists(configFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded Kafka log directory " + logDir, e);
        }
    }
}
