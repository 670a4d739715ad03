package threadpool;

import gradelock.testkit.Points;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hidden tests of PageFetcher, against the real HTTP server of {@link TestServer} on loopback. Concurrency is
 * proven by the server: it holds every request until all of them are in flight at once, so requests sent one after
 * another never get there (it gives up after 5 s, or the test's limit under the grader, and answers, and the test
 * reports the most it saw at once). The
 * server's delay per request only makes it slow; no test measures time. The client is wrapped to record which thread
 * sent each request, and executors are made with thread factories that record their threads, so that a request sent
 * anywhere but on the executor, or a thread left behind, is seen and named.
 */
@Timeout(10)
class PageFetcherHiddenTests {

    private TestServer server;
    private RecordingHttpClient client;
    private final List<ExecutorService> executors = new ArrayList<>();
    private final Set<Thread> executorThreads = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startTheServer() throws IOException {
        server = new TestServer();
        client = new RecordingHttpClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        // The client's selector thread and the server's dispatcher run (they wait in native code): they must be gone
        // before the next test, or the grader could not tell a stalled test from one whose threads still work.
        client.shutdownNow();
        client.awaitTermination(Duration.ofSeconds(5));
        server.close();
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private ExecutorService fixedPool(int threads, String name) {
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            executorThreads.add(thread);
            return thread;
        });
        executors.add(pool);
        return pool;
    }

    private List<URI> pages(int count) {
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            uris.add(server.page(String.valueOf(i)));
        }
        return uris;
    }

    private void assertAllWereInFlightAtOnce(int requests, String executor) {
        if (server.maxInFlight() < requests) {
            fail("With %s, the server saw at most %d of the %d requests at the same time (it held each request until all"
                    + " %d were in flight, and gave up %s after the first arrived). fetchAll must submit every request as a"
                    + " task before it waits for any response: one request after another is the seed's slow, sequential"
                    + " version.", executor, server.maxInFlight(), requests, requests, server.holdDeadline());
        }
    }

    @Test
    @Points(2)
    void allRequestsAreInFlightAtOnceOnAFixedPool() throws Exception {
        server.holdUntilInFlight(6);

        List<String> bodies = PageFetcher.fetchAll(client, pages(6), fixedPool(6, "fetch-pool"));

        assertAllWereInFlightAtOnce(6, "a fixed pool of 6 threads");
        assertThat(bodies).containsExactly("page 0", "page 1", "page 2", "page 3", "page 4", "page 5");
    }

    @Test
    @Points(2)
    void allRequestsAreInFlightAtOnceOnVirtualThreads() throws Exception {
        int requests = 20;
        server.holdUntilInFlight(requests);
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
        executors.add(virtual);

        List<String> bodies = PageFetcher.fetchAll(client, pages(requests), virtual);

        assertAllWereInFlightAtOnce(requests, "a virtual thread per task (Executors.newVirtualThreadPerTaskExecutor())");
        assertThat(bodies).hasSize(requests).startsWith("page 0", "page 1").endsWith("page 19");
        assertThat(client.sendingThreads()).as("the threads that sent the requests").allMatch(Thread::isVirtual);
    }

    @Test
    @Points(2)
    void everyRequestIsSentFromATaskOnTheExecutor() throws Exception {
        PageFetcher.fetchAll(client, pages(4), fixedPool(4, "given-executor"));

        assertThat(client.asyncSends())
                .as("calls of client.sendAsync: it runs the request on the client's own threads; each request must be a"
                        + " task on the executor fetchAll was given, calling client.send")
                .isZero();
        List<String> elsewhere = client.sendingThreads().stream().filter(thread -> !executorThreads.contains(thread))
                .map(Thread::getName).toList();
        if (!elsewhere.isEmpty() || client.sendingThreads().size() != 4) {
            fail("fetchAll of 4 pages on an executor whose threads are named given-executor-N sent %d requests, %d of them"
                    + " from other threads: %s. Each request must be a task on the executor fetchAll is given, not on a"
                    + " pool of its own or on the calling thread.", client.sendingThreads().size(), elsewhere.size(), elsewhere);
        }
    }

    @Test
    @Points(2)
    void aStatusOutside200To299IsAnIOExceptionNamingTheUriAndTheStatus() {
        ExecutorService pool = fixedPool(2, "fetch-pool");
        for (int status : new int[] {404, 500, 302}) {
            URI failing = server.status(status);

            Throwable thrown = catchThrowable(() -> PageFetcher.fetchAll(client, List.of(server.page("fine"), failing), pool));

            if (thrown == null) {
                fail("%s answered with status %d, and fetchAll returned its body as if it were a page. Any status outside"
                        + " 200-299 must be an IOException (HttpClient does not throw for it: check"
                        + " response.statusCode()).", failing, status);
            }
            assertThat(thrown).as("what fetchAll threw when %s answered %d", failing, status).isInstanceOf(IOException.class);
            assertThat(thrown.getMessage())
                    .as("the message of the IOException for %s answering %d: it must name the URI and the status", failing, status)
                    .isNotNull().contains(failing.toString()).contains(String.valueOf(status));
        }
    }

    @Test
    void everyStatusFrom200To299IsASuccess() throws Exception {
        List<URI> uris = List.of(server.status(201), server.status(202), server.status(204), server.page("ok"));

        List<String> bodies;
        try {
            bodies = PageFetcher.fetchAll(client, uris, fixedPool(4, "fetch-pool"));
        } catch (IOException e) {
            throw new AssertionError("fetchAll threw " + e + " for pages answering 201, 202, 204 and 200; every status from"
                    + " 200 to 299 is a success, not only 200", e);
        }

        assertThat(bodies).as("the bodies of pages answering 201, 202, 204 (no body) and 200")
                .containsExactly("status 201", "status 202", "", "page ok");
    }

    @Test
    @Points(2)
    void bodiesFollowTheUrisEvenWhenLaterPagesAnswerFirst() throws Exception {
        // The server answers page i only once the pool has finished the task that fetched page i + 1 (afterExecute
        // runs after the task's Future is complete), so the tasks finish in the order 3, 2, 1, 0 in every run.
        server.answerAfterTheNextPageWasFetched(4);
        AtomicInteger number = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> new Thread(task, "fetch-pool-" + number.incrementAndGet())) {
            @Override
            protected void afterExecute(Runnable task, Throwable thrown) {
                URI fetched = client.takeLastSentOnThisThread();
                if (fetched != null) {
                    server.pageFetched(fetched);
                }
            }
        };
        executors.add(pool);

        List<String> bodies = PageFetcher.fetchAll(client, pages(4), pool);

        assertThat(bodies).as("the bodies of pages 0 to 3, whose requests finished in the order 3, 2, 1, 0; the bodies"
                        + " must be in the order of the URIs, not in the order the requests finished")
                .containsExactly("page 0", "page 1", "page 2", "page 3");
    }

    @Test
    void aRefusedConnectionIsAnIOException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort(); // free once the socket is closed: nothing listens there
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/page/gone");

        Throwable thrown = catchThrowable(() -> PageFetcher.fetchAll(client, List.of(server.page("fine"), nowhere),
                fixedPool(2, "fetch-pool")));

        assertThat(thrown).as("what fetchAll threw when the connection to %s was refused", nowhere)
                .isInstanceOf(IOException.class);
    }

    @Test
    @Points(2)
    void leavesNoThreadBehind() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());

        PageFetcher.fetchAll(client, pages(3), fixedPool(3, "given-executor"));

        // Threads that end on their own (a pool shut down by fetchAll) get 2 s (at most the test's limit under the
        // grader) to do so; a pool never shut down keeps its threads waiting for work forever, and they keep the JVM
        // from exiting.
        Deadline grace = Deadline.atMostSeconds(2);
        long deadline = grace.endNanosFromNow();
        List<Thread> leftBehind = leftBehind(before);
        while (!leftBehind.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // the pace of the looks
            leftBehind = leftBehind(before);
        }
        if (!leftBehind.isEmpty()) {
            fail("fetchAll returned and left %d thread(s) of its own running %s later: %s. They are not the executor's"
                    + " threads (given-executor-N): fetchAll made a pool of its own and never shut it down. Use the executor"
                    + " you are given; a method that does create a pool must shut it down (try-with-resources).",
                    leftBehind.size(), grace, leftBehind.stream().map(thread -> "'" + thread.getName() + "' (" + thread.getState() + ")")
                            .collect(Collectors.joining(", ")));
        }
    }

    /** Non-daemon threads alive now that were not alive before and are not the given executor's. */
    private List<Thread> leftBehind(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon())
                .filter(thread -> !before.contains(thread) && !executorThreads.contains(thread))
                .toList();
    }

    @Test
    @Points(2)
    void neverShutsTheExecutorDownWhetherFetchAllSucceedsOrFails() throws Exception {
        ExecutorService executor = fixedPool(2, "borrowed-executor");

        PageFetcher.fetchAll(client, pages(2), executor);
        assertThat(executor.isShutdown()).as("executor.isShutdown() after fetchAll succeeded").isFalse();

        catchThrowable(() -> PageFetcher.fetchAll(client, List.of(server.page("fine"), server.status(500)), executor));
        assertThat(executor.isShutdown())
                .as("executor.isShutdown() after a fetchAll in which one page answered 500: the executor is the caller's")
                .isFalse();
        assertThat(PageFetcher.fetchAll(client, pages(1), executor)).as("a further fetchAll on the same executor")
                .containsExactly("page 0");
    }
}
