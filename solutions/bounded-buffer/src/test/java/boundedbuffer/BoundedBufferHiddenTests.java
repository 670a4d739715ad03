package boundedbuffer;

import gradelock.testkit.Activity;
import gradelock.testkit.Points;
import gradelock.testkit.Threads;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hidden tests of bounded-buffer. Each one forces one kind of bug as deterministically as it can: threads are
 * observed blocked (never assumed blocked after a sleep), the test waits without a time limit on threads that
 * a bug could strand (so the grader's watchdog names the stall or deadlock at once), and the few stress tests
 * check invariants (nothing lost, nothing duplicated, capacity never exceeded, first in first out).
 * solutions/bounded-buffer/DESIGN.md says which test catches which bug, and how.
 */
@Timeout(10)
class BoundedBufferHiddenTests {

    private static final Duration BLOCK_WITHIN = Duration.ofSeconds(3);
    /** How long a woken-but-not-chosen thread gets to show that it went back to waiting (see settle()). */
    private static final Duration SETTLE_WITHIN = Duration.ofMillis(500);

    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stopLeftoverThreads() throws InterruptedException {
        // A failed test can leave threads blocked (or spinning) in the buffer; they must not disturb later tests.
        for (Thread thread : started) {
            thread.interrupt();
        }
        for (Thread thread : started) {
            thread.join(1_000);
        }
    }

    // Construction, order, null

    @Test
    void rejectsCapacityBelowOne() {
        for (int capacity : new int[] {0, -1, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> new BoundedBuffer<String>(capacity))
                    .as("new BoundedBuffer<>(%d) should throw IllegalArgumentException", capacity)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void keepsFirstInFirstOutWhileTheBufferFillsAndEmptiesRepeatedly() throws InterruptedException {
        // Puts and takes in a pattern that wraps around any circular array of capacity 3 several times.
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(3);
        ArrayDeque<Integer> expected = new ArrayDeque<>();
        String pattern = "pptpptttpppttptpttpppttt";
        int next = 0;
        for (int step = 0; step < pattern.length(); step++) {
            if (pattern.charAt(step) == 'p') {
                buffer.put(next);
                expected.addLast(next++);
            } else {
                Integer oldest = expected.removeFirst();
                Integer taken = buffer.take();
                assertThat(taken)
                        .as("take() number %d should return the oldest item %d (first in, first out), after the operations %s",
                                step, oldest, pattern.substring(0, step + 1))
                        .isEqualTo(oldest);
            }
            assertThat(buffer.size()).as("size() after the operations %s", pattern.substring(0, step + 1))
                    .isEqualTo(expected.size());
        }
    }

    @Test
    void rejectsNullAtOnceEvenWhenTheBufferIsFull() throws InterruptedException {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        buffer.put("a");

        // On a full buffer a put that waits before checking its argument would wait forever here.
        assertThatThrownBy(() -> buffer.put(null))
                .as("put(null) on a full buffer should throw NullPointerException at once, without waiting")
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> buffer.offer(null, 5, TimeUnit.SECONDS))
                .as("offer(null, 5 s) on a full buffer should throw NullPointerException at once, without waiting")
                .isInstanceOf(NullPointerException.class);
        assertThat(buffer.size()).as("size() after rejected nulls").isEqualTo(1);
    }

    // Capacity

    @Test
    @Points(2)
    void holdsExactlyCapacityItems() throws Exception {
        for (int capacity : new int[] {1, 2, 5}) {
            BoundedBuffer<Integer> buffer = new BoundedBuffer<>(capacity);
            for (int i = 0; i < capacity; i++) {
                buffer.put(i);
            }
            assertThat(buffer.size()).as("size() after %d puts into a buffer of capacity %d", capacity, capacity)
                    .isEqualTo(capacity);
            assertThat(buffer.capacity()).as("capacity() of a full buffer of capacity %d", capacity).isEqualTo(capacity);
            assertThat(buffer.offer(-1, 0, TimeUnit.SECONDS))
                    .as("offer(item, 0) on a buffer of capacity %d already holding %d items should return false",
                            capacity, capacity)
                    .isFalse();

            int extra = capacity;
            Worker<Void> producer = startVoid("producer", () -> buffer.put(extra));
            awaitWaiting(producer, "put() into a buffer of capacity " + capacity + " already holding " + capacity + " items");
            assertThat(buffer.size()).as("size() of a buffer of capacity %d while a put() waits for room", capacity)
                    .isEqualTo(capacity);

            assertThat(buffer.take()).as("take() from a full buffer of capacity %d", capacity).isEqualTo(0);
            producer.result();
            List<Integer> rest = new ArrayList<>();
            while (buffer.size() > 0) {
                rest.add(buffer.take());
            }
            assertThat(rest).as("the items left in a buffer of capacity %d after the waiting put went through", capacity)
                    .hasSize(capacity)
                    .isSortedAccordingTo(Integer::compare)
                    .endsWith(extra);
        }
    }

    // Waking the right threads

    @Test
    @Points(2)
    void onlyOneOfTwoWaitingConsumersGetsASingleItem() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        Worker<String> consumer1 = start("consumer-1", buffer::take);
        Worker<String> consumer2 = start("consumer-2", buffer::take);
        awaitWaiting(consumer1, "take() on an empty buffer");
        awaitWaiting(consumer2, "take() on an empty buffer");
        long[] waitsBefore = {Threads.waitedCount(consumer1.thread), Threads.waitedCount(consumer2.thread)};

        buffer.put("x");
        int first = awaitFirstDone(consumer1, consumer2,
                "After 2 consumers waited on an empty buffer of capacity 1 and one item was put, one take() should have returned");
        Worker<String> winner = first == 0 ? consumer1 : consumer2;
        Worker<String> loser = first == 0 ? consumer2 : consumer1;
        settle(loser, waitsBefore[1 - first]);
        if (loser.task.isDone()) {
            fail("After 2 consumers waited on an empty buffer of capacity 1 and one item was put, exactly one take() should"
                    + " have returned and the other should still wait, but both returned: %s %s and %s %s. A woken consumer"
                    + " must check again that the buffer is not empty before it takes (while, not if).",
                    winner.name(), winner.outcome(), loser.name(), loser.outcome());
        }

        buffer.put("y");
        assertThat(List.of(winner.result(), loser.result()))
                .as("what the first and the second consumer took after x, then y, were put")
                .containsExactly("x", "y");
        assertThat(buffer.size()).as("size() after both consumers took their item").isZero();
    }

    @Test
    @Points(2)
    void onlyOneOfTwoWaitingProducersGetsASingleFreeSlot() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        buffer.put("a");
        Worker<Void> producer1 = startVoid("producer-1", () -> buffer.put("b"));
        Worker<Void> producer2 = startVoid("producer-2", () -> buffer.put("c"));
        awaitWaiting(producer1, "put() on a full buffer");
        awaitWaiting(producer2, "put() on a full buffer");
        long[] waitsBefore = {Threads.waitedCount(producer1.thread), Threads.waitedCount(producer2.thread)};

        assertThat(buffer.take()).as("take() from a full buffer holding \"a\"").isEqualTo("a");
        int first = awaitFirstDone(producer1, producer2,
                "After 2 producers waited on a full buffer of capacity 1 and one item was taken, one put() should have returned");
        Worker<Void> winner = first == 0 ? producer1 : producer2;
        Worker<Void> loser = first == 0 ? producer2 : producer1;
        settle(loser, waitsBefore[1 - first]);
        if (loser.task.isDone()) {
            fail("After 2 producers waited on a full buffer of capacity 1 and one item was taken, exactly one put() should"
                    + " have returned and the other should still wait, but both returned and size() is now %d. A woken"
                    + " producer must check again that the buffer is not full before it puts (while, not if).",
                    buffer.size());
        }
        assertThat(buffer.size()).as("size() of a buffer of capacity 1 while the second put() still waits").isEqualTo(1);

        String firstIn = buffer.take();
        winner.result();
        loser.result();
        String secondIn = buffer.take();
        assertThat(List.of(firstIn, secondIn)).as("the items the two waiting producers put, in the order they got in")
                .containsExactlyInAnyOrder("b", "c");
    }

    @Test
    @Points(2)
    void aProducerWaitingBehindTwoConsumersIsWokenByTheirTakes() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);

        // Where do producers wait? Only if both sides wait on the buffer's own monitor can notify() wake the wrong side.
        buffer.put("p1");
        Worker<Void> probe = startVoid("producer-probe", () -> buffer.put("p2"));
        awaitWaiting(probe, "put() on a full buffer");
        boolean producersWaitOnTheBuffer = Threads.isWaitingOnMonitorOf(probe.thread, buffer);
        assertThat(buffer.take()).as("take() from a full buffer holding \"p1\"").isEqualTo("p1");
        probe.result();
        assertThat(buffer.take()).as("take() after the waiting put(\"p2\") went through").isEqualTo("p2");

        Worker<String> consumer1 = start("consumer-1", buffer::take);
        awaitWaiting(consumer1, "take() on an empty buffer");
        Worker<String> consumer2 = start("consumer-2", buffer::take);
        awaitWaiting(consumer2, "take() on an empty buffer");
        boolean consumersWaitOnTheBuffer = Threads.isWaitingOnMonitorOf(consumer1.thread, buffer)
                && Threads.isWaitingOnMonitorOf(consumer2.thread, buffer);

        if (producersWaitOnTheBuffer && consumersWaitOnTheBuffer) {
            // Holding the monitor makes both puts one step for the consumers: put("b") finds the buffer full and
            // waits, in the same wait set as the consumer that put("a") did not wake. The consumer that takes "a"
            // must wake this producer; notify() wakes the longest waiter, the other consumer, and everyone waits.
            synchronized (buffer) {
                buffer.put("a");
                buffer.put("b");
            }
        } else {
            buffer.put("a");
            buffer.put("b");
        }

        // Without a time limit: if a wakeup was lost, the grader reports the stall with every thread's position.
        List<String> taken = new ArrayList<>(List.of(consumer1.result(), consumer2.result()));
        assertThat(taken).as("what 2 waiting consumers took after \"a\" and \"b\" were put into a buffer of capacity 1")
                .containsExactlyInAnyOrder("a", "b");
    }

    @RepeatedTest(value = 3, failureThreshold = 1)
    @Points(2)
    void capacityOneTrafficNeverStalls() throws Exception {
        // Many threads on one slot: every put and take waits, so a wakeup that goes to the wrong thread strands someone.
        int producers = 3;
        int consumers = 3;
        int itemsEach = 300;
        runTraffic(new BoundedBuffer<>(1), producers, consumers, itemsEach, false);
    }

    // once a repetition fails the test has lost its points: the rest would only add time, here and in a student's build
    @RepeatedTest(value = 12, failureThreshold = 1)
    @Points(3)
    void concurrentTrafficNeitherLosesNorDuplicatesItems() throws Exception {
        // Plenty of room: producers rarely wait, so two of them (and two consumers) are inside put (take) at the same
        // instant as often as two cores allow. An unguarded update then loses items in one repetition out of two
        // (a busy machine) to nearly all (an idle one); twelve repetitions make a miss of all of them unlikely.
        runTraffic(new BoundedBuffer<>(256), 2, 2, 50_000, true);
    }

    // Timeouts

    @Test
    void pollOnAnEmptyBufferReturnsNullAfterItsTimeout() throws InterruptedException {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(2);

        // Called on the test's own thread: a poll that ignores its timeout waits forever, and the grader says so.
        long start = System.nanoTime();
        String polled = buffer.poll(200, TimeUnit.MILLISECONDS);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(polled).as("poll(200 ms) on an empty buffer").isNull();
        assertThat(elapsedMillis).as("how many ms poll(200 ms) waited on an empty buffer before returning null")
                .isBetween(180L, 3_000L);
    }

    @Test
    void offerOnAFullBufferReturnsFalseAfterItsTimeoutAndAddsNothing() throws InterruptedException {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(2);
        buffer.put("a");
        buffer.put("b");

        long start = System.nanoTime();
        boolean added = buffer.offer("c", 200, TimeUnit.MILLISECONDS);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(added).as("offer(\"c\", 200 ms) on a full buffer").isFalse();
        assertThat(elapsedMillis).as("how many ms offer(200 ms) waited on a full buffer before returning false")
                .isBetween(180L, 3_000L);
        assertThat(List.of(buffer.take(), buffer.take())).as("the items in the buffer after offer(\"c\") timed out")
                .containsExactly("a", "b");
        assertThat(buffer.size()).as("size() after taking both items back").isZero();
    }

    @Test
    void nonPositiveTimeoutsNeverWait() throws InterruptedException {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);

        assertThat(buffer.poll(0, TimeUnit.MILLISECONDS)).as("poll(0) on an empty buffer").isNull();
        assertThat(buffer.poll(-1, TimeUnit.SECONDS)).as("poll(-1 s) on an empty buffer").isNull();
        assertThat(buffer.offer("a", -1, TimeUnit.SECONDS)).as("offer(\"a\", -1 s) on an empty buffer").isTrue();
        assertThat(buffer.offer("b", 0, TimeUnit.NANOSECONDS)).as("offer(\"b\", 0) on a full buffer").isFalse();
        assertThat(buffer.offer("b", -1, TimeUnit.SECONDS)).as("offer(\"b\", -1 s) on a full buffer").isFalse();
        assertThat(buffer.poll(0, TimeUnit.MILLISECONDS)).as("poll(0) on a buffer holding \"a\"").isEqualTo("a");
    }

    @Test
    void timedCallsReturnAsSoonAsTheBufferChanges() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);

        // A timed waiter that nobody wakes still gets its answer when its 5 s run out: check that it came early.
        Worker<String> poller = start("poller", () -> buffer.poll(5, TimeUnit.SECONDS));
        awaitWaiting(poller, "poll(5 s) on an empty buffer");
        long putAt = System.nanoTime();
        buffer.put("x");
        assertThat(poller.result()).as("what a waiting poll(5 s) returned after put(\"x\")").isEqualTo("x");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - putAt))
                .as("ms a waiting poll(5 s) took to return after put(\"x\"); a put must wake waiting polls too")
                .isLessThan(2_000L);

        buffer.put("y");
        Worker<Boolean> offerer = start("offerer", () -> buffer.offer("z", 5, TimeUnit.SECONDS));
        awaitWaiting(offerer, "offer(5 s) on a full buffer");
        long takeAt = System.nanoTime();
        assertThat(buffer.take()).as("take() from a buffer holding \"y\"").isEqualTo("y");
        assertThat(offerer.result()).as("what a waiting offer(\"z\", 5 s) returned after a take() made room").isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - takeAt))
                .as("ms a waiting offer(5 s) took to return after a take(); a take must wake waiting offers too")
                .isLessThan(2_000L);
        assertThat(buffer.take()).as("take() after the waiting offer(\"z\") went through").isEqualTo("z");
    }

    // Interruption

    @Test
    @Points(2)
    void interruptingAWaitingTakeThrowsAndRemovesNothing() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        Worker<String> taker = start("taker", buffer::take);
        awaitWaiting(taker, "take() on an empty buffer");

        taker.thread.interrupt();
        // Without a time limit: a take() that swallows the interrupt keeps waiting, and the grader says so.
        assertThat(taker.failure())
                .as("what take() threw when its thread was interrupted while it waited on an empty buffer")
                .isInstanceOf(InterruptedException.class);

        buffer.put("x");
        assertThat(buffer.size()).as("size() after an interrupted take() and one put()").isEqualTo(1);
        assertThat(buffer.take()).as("take() after an interrupted take(): the item must still be there").isEqualTo("x");
    }

    @Test
    @Points(2)
    void interruptingAWaitingPutThrowsAndAddsNothing() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        buffer.put("a");
        Worker<Void> producer = startVoid("producer", () -> buffer.put("b"));
        awaitWaiting(producer, "put() on a full buffer");

        producer.thread.interrupt();
        assertThat(producer.failure())
                .as("what put(\"b\") threw when its thread was interrupted while it waited on a full buffer")
                .isInstanceOf(InterruptedException.class);

        assertThat(buffer.take()).as("take() after an interrupted put(\"b\")").isEqualTo("a");
        assertThat(buffer.size()).as("size() after an interrupted put(\"b\") and one take(): \"b\" must not be in").isZero();
    }

    @Test
    void interruptingATimedWaitThrows() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        Worker<String> poller = start("poller", () -> buffer.poll(5, TimeUnit.SECONDS));
        awaitWaiting(poller, "poll(5 s) on an empty buffer");
        poller.thread.interrupt();
        assertThat(poller.failure()).as("what poll(5 s) threw when interrupted while it waited on an empty buffer")
                .isInstanceOf(InterruptedException.class);

        buffer.put("a");
        Worker<Boolean> offerer = start("offerer", () -> buffer.offer("b", 5, TimeUnit.SECONDS));
        awaitWaiting(offerer, "offer(5 s) on a full buffer");
        offerer.thread.interrupt();
        assertThat(offerer.failure()).as("what offer(\"b\", 5 s) threw when interrupted while it waited on a full buffer")
                .isInstanceOf(InterruptedException.class);
        assertThat(buffer.take()).as("take() after an interrupted offer(\"b\")").isEqualTo("a");
        assertThat(buffer.size()).as("size() after an interrupted offer(\"b\") and one take()").isZero();
    }

    @RepeatedTest(value = 3, failureThreshold = 1)
    @Points(2)
    void interruptsDuringTrafficNeitherLoseNorDuplicateItems() throws Exception {
        int itemsEach = 1_500;
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(2);

        // A put that threw InterruptedException must not have added its item; a take that threw must not have removed one.
        List<Worker<List<Integer>>> producers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int first = p * itemsEach;
            producers.add(start("producer-" + (p + 1), () -> {
                List<Integer> added = new ArrayList<>();
                for (int i = 0; i < itemsEach; i++) {
                    try {
                        buffer.put(first + i);
                        added.add(first + i);
                    } catch (InterruptedException e) {
                        // Not added: move on to the next item.
                    }
                }
                return added;
            }));
        }
        List<Worker<List<Integer>>> consumers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            consumers.add(start("consumer-" + (c + 1), () -> {
                List<Integer> taken = new ArrayList<>();
                while (true) {
                    try {
                        Integer item = buffer.take();
                        if (STOP.equals(item)) {
                            return taken;
                        }
                        taken.add(item);
                    } catch (InterruptedException e) {
                        // Nothing removed: try again.
                    }
                }
            }));
        }
        List<Thread> targets = new ArrayList<>();
        producers.forEach(worker -> targets.add(worker.thread));
        consumers.forEach(worker -> targets.add(worker.thread));
        AtomicBoolean stopInterrupting = new AtomicBoolean();
        AtomicInteger interrupts = new AtomicInteger();
        Worker<Void> interrupter = startVoid("interrupter", () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stopInterrupting.get()) {
                targets.get(random.nextInt(targets.size())).interrupt();
                interrupts.incrementAndGet();
                LockSupport.parkNanos(random.nextLong(20_000, 200_000)); // pacing, not synchronization
            }
        });

        List<Integer> added = new ArrayList<>();
        for (Worker<List<Integer>> producer : producers) {
            added.addAll(producer.result());
        }
        stopInterrupting.set(true);
        interrupter.result();
        for (int c = 0; c < consumers.size(); c++) {
            buffer.put(STOP);
        }
        List<Integer> taken = new ArrayList<>();
        for (Worker<List<Integer>> consumer : consumers) {
            taken.addAll(consumer.result());
        }

        String situation = String.format("while 2 producers and 2 consumers were interrupted %d times at random",
                interrupts.get());
        if (taken.contains(null)) {
            fail("A consumer got null from take() %s; take() must only return items that were put", situation);
        }
        Collections.sort(added);
        Collections.sort(taken);
        assertSameItems(added, taken, "put() returned normally for", "consumers took", situation);
        assertThat(buffer.size()).as("size() after every item and every stop signal was taken").isZero();
    }

    // No busy waiting

    @Test
    @Points(2)
    void aTakeWaitingOnAnEmptyBufferUsesNoCpu() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        CountDownLatch calling = new CountDownLatch(1);
        Worker<String> taker = start("taker", () -> {
            calling.countDown();
            return buffer.take();
        });
        calling.await();

        Activity activity = activityWhileWaiting(taker, "take() on an empty buffer");
        buffer.put("x");
        assertThat(taker.result()).as("what the waiting take() returned after put(\"x\")").isEqualTo("x");
        assertNotSpinning(activity, "take() on an empty buffer", taker);
    }

    @Test
    void aPutWaitingOnAFullBufferUsesNoCpu() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        buffer.put("a");
        CountDownLatch calling = new CountDownLatch(1);
        Worker<Void> producer = startVoid("producer", () -> {
            calling.countDown();
            buffer.put("b");
        });
        calling.await();

        Activity activity = activityWhileWaiting(producer, "put() on a full buffer");
        assertThat(buffer.take()).as("take() from a full buffer holding \"a\"").isEqualTo("a");
        producer.result();
        assertNotSpinning(activity, "put() on a full buffer", producer);
    }

    // Traffic

    private static final Integer STOP = -1;

    /**
     * Producers put unique items (producer p's i-th item is p * itemsEach + i) while consumers take as many; then
     * checks that every item arrived exactly once, in each producer's order, and (if asked) that size() never left
     * [0, capacity] while it ran.
     */
    private void runTraffic(BoundedBuffer<Integer> buffer, int producers, int consumers, int itemsEach, boolean watchSize)
            throws Exception {
        int total = producers * itemsEach;
        int capacity = buffer.capacity();
        AtomicBoolean done = new AtomicBoolean();
        List<Integer> sizesOutOfRange = Collections.synchronizedList(new ArrayList<>());
        Worker<Void> sizeWatcher = null;
        if (watchSize) {
            sizeWatcher = startVoid("size-watcher", () -> {
                while (!done.get()) {
                    int size = buffer.size();
                    if ((size < 0 || size > capacity) && sizesOutOfRange.size() < 10) {
                        sizesOutOfRange.add(size);
                    }
                    LockSupport.parkNanos(50_000); // sampling pace, not synchronization
                }
            });
        }
        List<Worker<Void>> producerWorkers = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int first = p * itemsEach;
            producerWorkers.add(startVoid("producer-" + (p + 1), () -> {
                for (int i = 0; i < itemsEach; i++) {
                    buffer.put(first + i);
                }
            }));
        }
        List<Worker<List<Integer>>> consumerWorkers = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            int share = total / consumers + (c < total % consumers ? 1 : 0);
            consumerWorkers.add(start("consumer-" + (c + 1), () -> {
                List<Integer> taken = new ArrayList<>(share);
                for (int i = 0; i < share; i++) {
                    taken.add(buffer.take());
                }
                return taken;
            }));
        }

        // Without a time limit: a lost wakeup or a deadlock is named by the grader the moment it forms.
        for (Worker<Void> producer : producerWorkers) {
            producer.result();
        }
        List<Integer> allTaken = new ArrayList<>();
        for (Worker<List<Integer>> consumer : consumerWorkers) {
            List<Integer> taken = consumer.result();
            assertInEachProducersOrder(consumer.name(), taken, itemsEach);
            allTaken.addAll(taken);
        }
        done.set(true);
        if (sizeWatcher != null) {
            sizeWatcher.result();
        }

        List<Integer> allPut = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            allPut.add(i);
        }
        Collections.sort(allTaken);
        String situation = String.format("with %d producers and %d consumers sharing a buffer of capacity %d",
                producers, consumers, capacity);
        assertSameItems(allPut, allTaken, "producers put", "consumers took", situation);
        assertThat(sizesOutOfRange)
                .as("values of size() outside [0, %d] seen while %s; size() must count the items really there",
                        capacity, situation)
                .isEmpty();
        assertThat(buffer.size()).as("size() after every item was taken, %s", situation).isZero();
    }

    private static void assertInEachProducersOrder(String consumer, List<Integer> taken, int itemsEach) {
        // First in, first out: whatever one consumer gets from one producer comes in the order it was put.
        Map<Integer, Integer> lastFromProducer = new HashMap<>();
        for (Integer item : taken) {
            if (item == null) {
                fail("%s got null from take(); take() must only return items that were put", consumer);
            }
            Integer previous = lastFromProducer.put(item / itemsEach, item);
            if (previous != null && previous > item) {
                fail("%s took item %d after item %d, but producer-%d put %d first (first in, first out)",
                        consumer, item, previous, item / itemsEach + 1, previous);
            }
        }
    }

    /** Compares two sorted lists of items and names what is missing and what is extra, a few of each. */
    private static void assertSameItems(List<Integer> expected, List<Integer> actual, String expectedWhat, String actualWhat,
                                        String situation) {
        if (expected.equals(actual)) {
            return;
        }
        List<Integer> missing = new ArrayList<>(expected);
        List<Integer> extra = new ArrayList<>();
        for (Integer item : actual) {
            if (!missing.remove(item)) {
                extra.add(item);
            }
        }
        fail("Every item that %s should come out exactly once, %s, but %d items were lost (for example %s) and %d were"
                        + " extra: duplicated or never put (for example %s). %s %d items, %s %d.",
                expectedWhat, situation, missing.size(), firstFew(missing), extra.size(), firstFew(extra),
                capitalized(expectedWhat), expected.size(), actualWhat, actual.size());
    }

    private static String firstFew(List<Integer> items) {
        return items.subList(0, Math.min(5, items.size())).toString();
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    // Busy waiting

    private static final Duration WAITING_WINDOW = Duration.ofMillis(300);

    /** How busy the worker's thread was over a window of wall time in which it should be waiting. */
    private static Activity activityWhileWaiting(Worker<?> worker, String call) throws InterruptedException {
        Activity activity = Threads.activityOver(worker.thread, WAITING_WINDOW);
        if (activity.ended()) {
            fail("%s should have waited, but it %s at once", call, worker.outcome());
        }
        return activity;
    }

    private static void assertNotSpinning(Activity activity, String call, Worker<?> worker) {
        if (activity.looksBusy()) {
            fail("A thread waiting in %s should sleep until it is woken, but '%s' %s of waiting (busy waiting). Wait on a"
                            + " monitor (wait), a Condition (await) or a Semaphore (acquire) instead of looping.",
                    call, worker.name(), activity.describe());
        }
    }

    // Threads

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

        String name() {
            return thread.getName();
        }

        /** Waits without a time limit (the test's timeout and the grader's watchdog are the limit). */
        V result() throws InterruptedException {
            try {
                return task.get();
            } catch (ExecutionException e) {
                throw new AssertionError(name() + " threw " + e.getCause(), e.getCause());
            }
        }

        /** Waits without a time limit and returns what the call threw. */
        Throwable failure() throws InterruptedException {
            try {
                V value = task.get();
                throw new AssertionError(name() + " returned " + value + " instead of throwing");
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }

        /** "returned x" or "threw y", for a worker that is done. */
        String outcome() {
            if (!task.isDone()) {
                return "is still running";
            }
            try {
                V value = task.get();
                return returnsValue ? "returned " + value : "returned";
            } catch (ExecutionException e) {
                return "threw " + e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "(interrupted while asking)";
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

    /** Fails unless the worker's call blocks, as it should on a full or empty buffer. */
    private static void awaitWaiting(Worker<?> worker, String call) {
        Thread.State state = Threads.awaitStopped(worker.thread, BLOCK_WITHIN);
        if (state == Thread.State.TERMINATED) {
            fail("%s should have waited, but in thread '%s' it %s at once", call, worker.name(), worker.outcome());
        }
    }

    /**
     * Index (0 or 1) of the first of two workers to finish; fails if neither finishes within BLOCK_WITHIN (under the
     * grader, no longer than the test's limit).
     */
    private static int awaitFirstDone(Worker<?> first, Worker<?> second, String expectation) {
        Deadline wait = Deadline.atMost(BLOCK_WITHIN);
        long deadline = wait.endNanosFromNow();
        while (System.nanoTime() - deadline < 0) {
            if (first.task.isDone()) {
                return 0;
            }
            if (second.task.isDone()) {
                return 1;
            }
            LockSupport.parkNanos(1_000_000);
        }
        fail("%s within %s, but neither did: %s is %s, %s is %s", expectation, wait,
                first.name(), first.thread.getState(), second.name(), second.thread.getState());
        return -1;
    }

    /**
     * Gives a thread that may just have been woken the time to act on it: returns once it has finished, or has gone
     * back to waiting (its wait count grew), or after SETTLE_WITHIN if it was never woken at all (as with
     * Condition.signal() or a Semaphore, which wake only the thread that will succeed).
     */
    private static void settle(Worker<?> worker, long waitsBefore) {
        long deadline = System.nanoTime() + SETTLE_WITHIN.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (worker.task.isDone() || Threads.waitedCount(worker.thread) > waitsBefore) {
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
