package com.tickets.api.payment;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hold sweeper's watermark: every outcome that had reached the topic before it is applied, whatever
 * order records land, are applied, committed and asked about in; and it moves on once the backlog is
 * applied, so holds are not kept for ever.
 */
class OutcomeWatermarkProperties {

    private static final int PARTITIONS = 3;
    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

    /** One step of the world: a record lands, some are applied, the group commits, the broker is asked, time passes. */
    sealed interface Step permits Land, Apply, Commit, Ask, Unanswered, Tick {
    }

    record Land(int partition) implements Step {
    }

    record Apply(int partition, int records) implements Step {
    }

    record Commit(int partition) implements Step {
    }

    record Ask() implements Step {
    }

    record Unanswered() implements Step {
    }

    record Tick(int millis) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> worlds() {
        Arbitrary<Integer> partition = Arbitraries.integers().between(0, PARTITIONS - 1);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, partition.map(Land::new)),
                net.jqwik.api.Tuple.of(4, net.jqwik.api.Combinators.combine(partition, Arbitraries.integers().between(1, 5))
                        .as(Apply::new)),
                net.jqwik.api.Tuple.of(1, partition.map(Commit::new)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Ask())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Unanswered())),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 3_000).map(Tick::new)));
        return step.list().ofMaxSize(120);
    }

    @Property(tries = 2_000)
    void everyOutcomeThatLandedBeforeTheWatermarkIsApplied(@ForAll("worlds") List<Step> steps) {
        World world = new World();
        for (Step step : steps) {
            world.take(step);
            Optional<Instant> through = world.watermark.appliedThrough();
            if (through.isPresent()) {
                for (int p = 0; p < PARTITIONS; p++) {
                    List<Instant> landed = world.landed.get(p);
                    for (int offset = world.applied[p]; offset < landed.size(); offset++) {
                        assertThat(landed.get(offset)).as("partition %d offset %d is not applied", p, offset)
                                .isAfterOrEqualTo(through.get());
                    }
                }
                assertThat(through.get()).isBeforeOrEqualTo(world.now);
            }
        }
    }

    @Property(tries = 500)
    void onceEverythingIsAppliedAndKafkaAnswersTheWatermarkReachesTheLastQuestion(@ForAll("worlds") List<Step> steps) {
        World world = new World();
        steps.forEach(world::take);
        world.take(new Tick(21_000)); // past the quiet time after an unanswered question
        for (int p = 0; p < PARTITIONS; p++) {
            world.take(new Apply(p, Integer.MAX_VALUE / 2));
        }
        Instant asked = world.now;
        world.take(new Ask());
        assertThat(world.watermark.appliedThrough()).contains(asked);
    }

    @Example
    void answersJustAfterAnOutageAreNotTrustedForTheQuietTime() {
        OutcomeWatermark watermark = new OutcomeWatermark(Duration.ofSeconds(20));
        Map<Integer, Long> nothing = Map.of(0, 0L);
        watermark.endOffsets(START, nothing, nothing);
        assertThat(watermark.appliedThrough()).contains(START);

        watermark.unreachable(START.plusSeconds(30));
        watermark.endOffsets(START.plusSeconds(40), nothing, nothing);
        assertThat(watermark.appliedThrough()).contains(START);

        watermark.endOffsets(START.plusSeconds(51), nothing, nothing);
        assertThat(watermark.appliedThrough()).contains(START.plusSeconds(51));
    }

    @Example
    void aBacklogHoldsTheWatermarkAtTheQuestionItHasNotYetAnswered() {
        OutcomeWatermark watermark = new OutcomeWatermark(Duration.ofSeconds(20));
        watermark.endOffsets(START, Map.of(0, 100L, 1, 0L), Map.of(0, 40L));
        assertThat(watermark.appliedThrough()).isEmpty(); // partition 0 has not caught up once
        watermark.endOffsets(START.plusSeconds(1), Map.of(0, 180L, 1, 0L), Map.of());
        watermark.applied(0, 120);
        assertThat(watermark.appliedThrough()).contains(START);
        watermark.applied(0, 180);
        assertThat(watermark.appliedThrough()).contains(START.plusSeconds(1));
    }

    /** A topic of {@link #PARTITIONS} partitions, the consumer, the group's commits, and the clock. */
    private static final class World {
        final OutcomeWatermark watermark = new OutcomeWatermark(Duration.ofSeconds(20));
        final Map<Integer, List<Instant>> landed = new HashMap<>();
        final int[] applied = new int[PARTITIONS];
        final int[] committed = new int[PARTITIONS];
        Instant now = START;

        World() {
            for (int p = 0; p < PARTITIONS; p++) {
                landed.put(p, new ArrayList<>());
            }
        }

        void take(Step step) {
            if (step instanceof Land land) {
                landed.get(land.partition()).add(now);
            } else if (step instanceof Apply apply) {
                int p = apply.partition();
                applied[p] = (int) Math.min(landed.get(p).size(), (long) applied[p] + apply.records());
                watermark.applied(p, applied[p]);
            } else if (step instanceof Commit commit) {
                committed[commit.partition()] = applied[commit.partition()];
            } else if (step instanceof Ask) {
                Map<Integer, Long> ends = new HashMap<>();
                Map<Integer, Long> commits = new HashMap<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    ends.put(p, (long) landed.get(p).size());
                    commits.put(p, (long) committed[p]);
                }
                watermark.endOffsets(now, ends, commits);
            } else if (step instanceof Unanswered) {
                watermark.unreachable(now);
            } else if (step instanceof Tick tick) {
                now = now.plusMillis(tick.millis());
            }
        }
    }
}
