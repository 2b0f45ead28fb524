package com.tickets.payment;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes what many in-flight records ask for in few transactions: each {@link #submit} joins the next
 * batch, and its {@code Uni} completes when that batch's transaction has committed (or fails with
 * it). With a thousand charges in flight, one small transaction per record meant one WAL flush per
 * record: with durable commits the payment database took 1,200 commits a second and the machine
 * spent a third of its CPU in the kernel. Batched, the flushes are shared.
 *
 * <p>No timer, as in booking-api's booking batches: while a batch is being written the next one
 * queues up, and an idle worker's single record is written at once, alone. At most {@code
 * writers} batches are written at a time, each on a worker thread.
 *
 * @param <T> what a record asks to have written
 * @param <R> what the write answers for it
 */
public final class GroupCommit<T, R> {

    /** Writes a batch in one transaction and answers each item, in order; throws when nothing was written. */
    @FunctionalInterface
    public interface BatchWrite<T, R> {
        List<R> write(List<T> batch) throws Exception;
    }

    private record Pending<T, R>(T item, CompletableFuture<R> answer) {
    }

    private final Queue<Pending<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger writing = new AtomicInteger();
    private final BatchWrite<T, R> write;
    private final int maxBatch;
    private final int writers;

    public GroupCommit(BatchWrite<T, R> write, int maxBatch, int writers) {
        this.write = write;
        this.maxBatch = maxBatch;
        this.writers = writers;
    }

    public Uni<R> submit(T item) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<R> answer = new CompletableFuture<>();
            queue.add(new Pending<>(item, answer));
            startWriterIfIdle();
            return Uni.createFrom().completionStage(answer);
        });
    }

    private void startWriterIfIdle() {
        int now = writing.get();
        while (now < writers && !queue.isEmpty()) {
            if (writing.compareAndSet(now, now + 1)) {
                Infrastructure.getDefaultWorkerPool().execute(this::writeWhileQueued);
                return;
            }
            now = writing.get();
        }
    }

    private void writeWhileQueued() {
        try {
            List<Pending<T, R>> batch = new ArrayList<>();
            for (Pending<T, R> next; batch.size() < maxBatch && (next = queue.poll()) != null; ) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                List<R> answers = write.write(batch.stream().map(Pending::item).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).answer().complete(answers.get(i));
                }
            } catch (Exception e) {
                batch.forEach(p -> p.answer().completeExceptionally(e));
            }
        } finally {
            writing.decrementAndGet();
            if (!queue.isEmpty()) {
                startWriterIfIdle(); // what queued up meanwhile is the next batch
            }
        }
    }
}
