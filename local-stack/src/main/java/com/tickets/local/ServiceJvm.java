package com.tickets.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM the local stack runs the services on: the one running the stack, or {@code LOCAL_JAVA_HOME}'s.
 * On JDK 25 or later a service whose {@code target/quarkus-app/app.aot} exists (recorded by
 * {@code load-tests/aot-train.sh}) starts with it ({@code -XX:AOTCache}): its classes come loaded and linked
 * and its hot methods profiled, which cut booking-api's time to ready 2.2–2.4× (docs/benchmarks.md,
 * "Startup"). A cache recorded by another JDK build or for an older jar is ignored by the JVM with a
 * warning, so a stale one costs the gain and nothing else.
 */
record ServiceJvm(Path java, int feature) {

    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    static ServiceJvm fromEnvironment() {
        Path home = Optional.ofNullable(System.getenv("LOCAL_JAVA_HOME")).filter(h -> !h.isBlank()).map(Path::of)
                .orElse(Path.of(System.getProperty("java.home")));
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("LOCAL_JAVA_HOME=" + home + " has no bin/java");
        }
        return new ServiceJvm(java, featureOf(home));
    }

    /** The AOT cache next to {@code jar}, when there is one and this JVM can use it. */
    Optional<Path> aotCacheFor(Path jar) {
        Path cache = jar.resolveSibling("app.aot");
        return feature >= 25 && Files.isRegularFile(cache) ? Optional.of(cache) : Optional.empty();
    }

    /** The feature release from the JDK's {@code release} file (0 when it cannot be read). */
    private static int featureOf(Path home) {
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
