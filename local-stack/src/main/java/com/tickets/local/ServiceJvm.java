package com.tickets.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM the local stack runs the services on: the one running the stack, or {@code LOCAL_JAVA_HOME}'s.
 * On JDK 25 or later every service uses an AOT cache, {@code target/quarkus-app/app.aot}: its classes come
 * loaded and linked and its hot methods profiled, which cut booking-api's time to ready 2.2–2.4×
 * (docs/benchmarks.md, "Startup"). A service without a current cache (none yet, or one older than its
 * jar, which the JVM would ignore) records one during the run ({@code -XX:AOTCacheOutput}); the JVM writes
 * it when the service stops, and the next start uses it ({@code -XX:AOTCache}). So the first start on JDK 25
 * after a build is the training run, and the infrastructure it needs is the stack's own.
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

    /** What a service's JVM does with its AOT cache: nothing (before JDK 25), use it, or record it during this run. */
    record AotCache(Path file, List<String> jvmArgs, boolean recording, String says) {
        static final AotCache NONE = new AotCache(null, List.of(), false, "");
    }

    AotCache aotCacheFor(Path jar) {
        if (feature < 25) {
            return AotCache.NONE;
        }
        Path cache = jar.resolveSibling("app.aot");
        if (isCurrent(cache, jar)) {
            return new AotCache(cache, List.of("-XX:AOTCache=" + cache), false, "starts with its AOT cache");
        }
        return new AotCache(cache, List.of("-XX:AOTCacheOutput=" + cache), true,
                "records its AOT cache during this run (written when it stops; the next start uses it)");
    }

    /** A cache recorded after the jar was built; an older one belongs to an earlier build, which the JVM refuses. */
    private static boolean isCurrent(Path cache, Path jar) {
        try {
            return Files.isRegularFile(cache)
                    && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) >= 0;
        } catch (IOException e) {
            return false;
        }
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
