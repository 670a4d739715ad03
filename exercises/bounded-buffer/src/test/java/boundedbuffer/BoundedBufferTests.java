package boundedbuffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The public tests of the bounded-buffer exercise, one or more per numbered task of the README. The grader runs
 * these and further hidden tests. A concurrency test can only catch a bug that shows up while it runs: passing
 * them is necessary, not sufficient.
 */
@Timeout(10)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class BoundedBufferTests {

    private static final Duration BLOCK_WITHIN = Duration.ofSeconds(5);
    private static final Set<Thread.State> STOPPED =
            EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.BLOCKED, Thread.State.TERMINATED);

    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stopLeftoverThreads() throws InterruptedException {
        // A failed test may leave a thread blocked in the buffer; don't let it linger into the next test.
        for (Thread thread : started) {
            thread.interrupt();
            thread.join(1_000);
        }
    }

    // Task 1: create the buffer

    @Test
    @DisplayName("1.1 A new buffer is empty and knows its capacity")
    void newBufferIsEmptyAndKnowsItsCapacity() {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(3);

        assertThat(buffer.capacity()).as("capacity() of new BoundedBuffer<>(3)").isEqualTo(3);
        assertThat(buffer.size()).as("size() of a new buffer").isZero();
    }

    @Test
    @DisplayName("1.2 A capacity below 1 is rejected")
    void capacityBelowOneIsRejected() {
        assertThatThrownBy(() -> new BoundedBuffer<String>(0))
                .as("new BoundedBuffer<>(0) should throw IllegalArgumentException")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedBuffer<String>(-1))
                .as("new BoundedBuffer<>(-1) should throw IllegalArgumentException")
                .isInstanceOf(IllegalArgumentException.class);
    }

    // Task 2: put and take, first in, first out

    @Test
    @DisplayName("2.1 take() returns the items in the order put() added them")
    void takeReturnsItemsInTheOrderTheyWerePut() throws InterruptedException {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(3);

        buffer.put("a");
        buffer.put("b");
        buffer.put("c");
        assertThat(buffer.size()).as("size() after putting 3 items").isEqualTo(3);

        List<String> taken = List.of(buffer.take(), buffer.take(), buffer.take());
        assertThat(taken).as("items taken after putting a, b, c (first in, first out)").containsExactly("a", "b", "c");
        assertThat(buffer.size()).as("size() after taking every item").isZero();
    }

    @Test
    @DisplayName("2.2 put(null) throws NullPointerException and adds nothing")
    void putRejectsNull() {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(2);

        assertThatThrownBy(() -> buffer.put(null))
                .as("put(null) should throw NullPointerException")
                .isInstanceOf(NullPointerException.class);
        assertThat(buffer.size()).as("size() after a rejected put(null)").isZero();
    }

    // Task 3: wait while the buffer is full or empty

    @Test
    @DisplayName("3.1 take() on an empty buffer waits until an item is put")
    void takeWaitsUntilAnItemIsPut() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);

        Worker<String> taker = start("taker", buffer::take);
        awaitBlocked(taker, "take() on an empty buffer");

        buffer.put("x");
        assertThat(taker.result()).as("what the waiting take() returned after put(\"x\")").isEqualTo("x");
        assertThat(buffer.size()).as("size() after the waiting take() got the item").isZero();
    }

    @Test
    @DisplayName("3.2 put() on a full buffer waits until an item is taken")
    void putWaitsUntilAnItemIsTaken() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(2);
        buffer.put("a");
        buffer.put("b");

        Worker<Void> producer = startVoid("producer", () -> buffer.put("c"));
        awaitBlocked(producer, "put(\"c\") on a full buffer of capacity 2");
        assertThat(buffer.size()).as("size() of a full buffer of capacity 2 while a put() waits").isEqualTo(2);

        assertThat(buffer.take()).as("take() from a buffer holding a, b").isEqualTo("a");
        producer.result();
        assertThat(List.of(buffer.take(), buffer.take()))
                .as("the items left after the waiting put(\"c\") went through").containsExactly("b", "c");
    }

    // Task 4: give up after a timeout

    @Test
    @DisplayName("4.1 poll() on an empty buffer returns null once its timeout has passed")
    void pollGivesUpAfterItsTimeout() throws InterruptedException {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);

        long start = System.nanoTime();
        String polled = buffer.poll(200, TimeUnit.MILLISECONDS);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(polled).as("poll(200 ms) on an empty buffer").isNull();
        assertThat(elapsedMillis).as("milliseconds poll(200 ms) waited on an empty buffer").isBetween(180L, 5_000L);
    }

    @Test
    @DisplayName("4.2 offer() on a full buffer returns false once its timeout has passed, and adds nothing")
    void offerGivesUpAfterItsTimeout() throws InterruptedException {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        buffer.put("a");

        long start = System.nanoTime();
        boolean added = buffer.offer("b", 200, TimeUnit.MILLISECONDS);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(added).as("offer(\"b\", 200 ms) on a full buffer").isFalse();
        assertThat(elapsedMillis).as("milliseconds offer(200 ms) waited on a full buffer").isBetween(180L, 5_000L);
        assertThat(buffer.size()).as("size() after a failed offer").isEqualTo(1);
        assertThat(buffer.take()).as("the only item after a failed offer(\"b\")").isEqualTo("a");
    }

    @Test
    @DisplayName("4.3 poll() returns an item that is put while it waits")
    void pollReturnsAnItemThatArrivesInTime() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);

        Worker<String> poller = start("poller", () -> buffer.poll(5, TimeUnit.SECONDS));
        awaitBlocked(poller, "poll(5 s) on an empty buffer");
        buffer.put("x");

        assertThat(poller.result()).as("what a waiting poll(5 s) returned after put(\"x\")").isEqualTo("x");
    }

    @Test
    @DisplayName("4.4 A timeout of zero means: don't wait")
    void zeroTimeoutDoesNotWait() throws InterruptedException {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);

        assertThat(buffer.poll(0, TimeUnit.SECONDS)).as("poll(0) on an empty buffer").isNull();
        assertThat(buffer.offer("a", 0, TimeUnit.SECONDS)).as("offer(\"a\", 0) on an empty buffer").isTrue();
        assertThat(buffer.offer("b", 0, TimeUnit.SECONDS)).as("offer(\"b\", 0) on a full buffer").isFalse();
        assertThat(buffer.poll(0, TimeUnit.SECONDS)).as("poll(0) on a buffer holding \"a\"").isEqualTo("a");
    }

    // Task 5: stop waiting when interrupted

    @Test
    @DisplayName("5.1 A take() waiting on an empty buffer throws InterruptedException when interrupted")
    void waitingTakeCanBeInterrupted() throws InterruptedException {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);

        Worker<String> taker = start("taker", buffer::take);
        awaitBlocked(taker, "take() on an empty buffer");
        taker.thread.interrupt();

        assertThat(taker.failure())
                .as("what take() threw when its thread was interrupted while it waited on an empty buffer")
                .isInstanceOf(InterruptedException.class);
        buffer.put("x");
        assertThat(buffer.take()).as("take() after an interrupted take(): the item must still be there").isEqualTo("x");
    }

    @Test
    @DisplayName("5.2 A put() waiting on a full buffer throws InterruptedException when interrupted, and adds nothing")
    void waitingPutCanBeInterrupted() throws InterruptedException {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        buffer.put("a");

        Worker<Void> producer = startVoid("producer", () -> buffer.put("b"));
        awaitBlocked(producer, "put(\"b\") on a full buffer");
        producer.thread.interrupt();

        assertThat(producer.failure())
                .as("what put(\"b\") threw when its thread was interrupted while it waited on a full buffer")
                .isInstanceOf(InterruptedException.class);
        assertThat(buffer.size()).as("size() after an interrupted put(\"b\")").isEqualTo(1);
        assertThat(buffer.take()).as("the only item after an interrupted put(\"b\")").isEqualTo("a");
    }

    // Task 6: many producers and many consumers at once

    @Test
    @DisplayName("6.1 Producers and consumers working at once neither lose nor duplicate items")
    void producersAndConsumersNeitherLoseNorDuplicateItems() throws Exception {
        int producers = 3;
        int consumers = 3;
        int itemsPerProducer = 300;
        int totalItems = producers * itemsPerProducer;
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(2);

        // Item p * itemsPerProducer + i is producer p's i-th item, so each value is unique and names its producer.
        List<Worker<Void>> producerWorkers = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int first = p * itemsPerProducer;
            producerWorkers.add(startVoid("producer-" + (p + 1), () -> {
                for (int i = 0; i < itemsPerProducer; i++) {
                    buffer.put(first + i);
                }
            }));
        }
        // Each consumer takes its share; together they take exactly what was put.
        List<Worker<List<Integer>>> consumerWorkers = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            int share = totalItems / consumers;
            consumerWorkers.add(start("consumer-" + (c + 1), () -> {
                List<Integer> taken = new ArrayList<>();
                for (int i = 0; i < share; i++) {
                    taken.add(buffer.take());
                }
                return taken;
            }));
        }

        for (Worker<Void> producer : producerWorkers) {
            producer.result();
        }
        List<Integer> allTaken = new ArrayList<>();
        for (Worker<List<Integer>> consumer : consumerWorkers) {
            List<Integer> taken = consumer.result();
            assertInProducerOrder(consumer.thread.getName(), taken, itemsPerProducer);
            allTaken.addAll(taken);
        }

        Collections.sort(allTaken);
        List<Integer> allPut = new ArrayList<>();
        for (int i = 0; i < totalItems; i++) {
            allPut.add(i);
        }
        assertThat(allTaken)
                .as("every item taken by %d consumers, sorted, should be exactly the %d items %d producers put",
                        consumers, totalItems, producers)
                .isEqualTo(allPut);
        assertThat(buffer.size()).as("size() after every item was taken").isZero();
    }

    private static void assertInProducerOrder(String consumer, List<Integer> taken, int itemsPerProducer) {
        // First in, first out: whatever one consumer gets from one producer arrives in the order it was put.
        Map<Integer, Integer> lastFromProducer = new HashMap<>();
        for (Integer item : taken) {
            if (item == null) {
                fail("%s got null from take(); take() must only return items that were put", consumer);
            }
            Integer previous = lastFromProducer.put(item / itemsPerProducer, item);
            if (previous != null && previous > item) {
                fail("%s took item %d after item %d, but producer-%d put %d first (first in, first out)",
                        consumer, item, previous, item / itemsPerProducer + 1, previous);
            }
        }
    }

    // Helpers

    /** A named thread running one call on the buffer, keeping what the call returned or threw. */
    private static final class Worker<V> {
        final Thread thread;
        final FutureTask<V> task;
        final boolean returnsValue;

        Worker(String name, Callable<V> call, boolean returnsValue) {
            this.task = new FutureTask<>(call);
            this.returnsValue = returnsValue;
            this.thread = new Thread(task, name);
            this.thread.setDaemon(true);
        }

        /** Waits (without a time limit: the test's timeout is the limit) and returns what the call returned. */
        V result() throws InterruptedException {
            try {
                return task.get();
            } catch (ExecutionException e) {
                throw new AssertionError(thread.getName() + " threw " + e.getCause(), e.getCause());
            }
        }

        /** Waits (without a time limit) and returns what the call threw. */
        Throwable failure() throws InterruptedException {
            try {
                V value = task.get();
                throw new AssertionError(thread.getName() + " returned " + value + " instead of throwing");
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
    }

    /** A call with no result to show, such as put(). */
    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private <V> Worker<V> start(String name, Callable<V> call) {
        return started(new Worker<>(name, call, true));
    }

    private Worker<Void> startVoid(String name, Action action) {
        return started(new Worker<>(name, () -> {
            action.run();
            return null;
        }, false));
    }

    private <V> Worker<V> started(Worker<V> worker) {
        started.add(worker.thread);
        worker.thread.start();
        return worker;
    }

    private static void awaitBlocked(Worker<?> worker, String call) {
        Thread thread = worker.thread;
        Deadline deadline = Deadline.atMost(BLOCK_WITHIN);
        try {
            await().atMost(deadline.length()).pollInterval(Duration.ofMillis(5))
                    .until(() -> STOPPED.contains(thread.getState()));
        } catch (ConditionTimeoutException e) {
            fail("%s should wait without using the CPU, but its thread '%s' was still %s after %s (busy waiting?)",
                    call, thread.getName(), thread.getState(), deadline);
        }
        if (thread.getState() == Thread.State.TERMINATED) {
            String outcome;
            try {
                Object value = worker.task.get();
                outcome = worker.returnsValue ? "returned " + value : "returned";
            } catch (ExecutionException e) {
                outcome = "threw " + e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = "ended";
            }
            fail("%s should have waited, but it %s at once", call, outcome);
        }
    }
}
