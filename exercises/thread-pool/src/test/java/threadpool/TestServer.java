package threadpool;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow web server on loopback, the stand-in for the seed's web site: the JDK's own HTTP server, answering each
 * request after a fixed delay. It records how many requests it was handling at the same moment, which is how the
 * tests see whether requests were sent all at once: the delay only makes the server slow, it proves nothing.
 *
 * <ul>
 *   <li>{@code /page/<name>} answers 200 with the body {@code page <name>};</li>
 *   <li>{@code /status/<code>} answers with that status and the body {@code status <code>} (none for 204).</li>
 * </ul>
 *
 * <p>{@link #holdUntilInFlight(int)} makes every page request wait, inside the server, until that many requests
 * are in flight together: requests sent all at once all get there and are answered; requests sent one after
 * another never do, and {@link #holdDeadline()} after the first of them arrived ({@link #GIVE_UP_AFTER}, or the
 * test's limit under the grader if that is shorter) the server stops holding them and answers anyway, so that the
 * test can report how many it saw at once. {@link #answerInReverseOrder(int)} makes page {@code i} wait until
 * page {@code i + 1} has been answered, so that later pages finish first; with
 * {@link #answerAfterTheNextPageWasFetched(int)} page {@code i} waits until the test has seen page {@code i + 1}
 * fetched on the client's side ({@link #pageFetched(URI)}).
 */
final class TestServer implements AutoCloseable {

    /**
     * How long held requests wait for the others, from the first one's arrival, before the server gives up holding
     * requests; under the grader no longer than the test's limit (see {@link #holdDeadline()}).
     */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(5);
    /**
     * How long page {@code i} waits for the request for page {@code i + 1} to arrive before it is answered anyway. Not
     * shortened to the test's limit under the grader: a fetchAll that sends one request after another never sends
     * page {@code i + 1} while page {@code i} waits, and shorter waits would answer its pages in time for it to pass
     * the test it now runs out of time in.
     */
    static final long NEXT_PAGE_GIVE_UP_AFTER = 5_000;
    static final long DELAY_MILLIS = 50;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch allInFlight;
    private volatile Deadline hold;
    private long holdEndNanos; // guarded by this; set when the first held request arrives
    private boolean holdStarted; // guarded by this
    private volatile boolean gaveUp;
    private final Map<Integer, CountDownLatch> answered = new ConcurrentHashMap<>();
    private final Map<Integer, CountDownLatch> arrived = new ConcurrentHashMap<>();
    private volatile Deadline nextPageFetched;
    private volatile int reverseOrderOf;
    private volatile boolean fetchedSignals;

    TestServer() throws IOException {
        AtomicInteger handlerNumber = new AtomicInteger();
        handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "test-server-handler-" + handlerNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * From now on, every page request waits until {@code requests} page requests are in flight at once, or until
     * {@link #holdDeadline()} has passed since the first of them arrived. Call it on the test's thread: how long the
     * server holds requests is decided here, from the running test's limit under the grader.
     */
    void holdUntilInFlight(int requests) {
        hold = Deadline.atMost(GIVE_UP_AFTER);
        synchronized (this) {
            holdStarted = false;
        }
        allInFlight = new CountDownLatch(requests);
    }

    /** How long held requests wait for the others before the server gives up: for the test's failure message. */
    Deadline holdDeadline() {
        return hold;
    }

    /**
     * From now on, page {@code i} (of pages 0 to {@code pages - 1}) is answered only after page {@code i + 1}: page
     * {@code i} waits up to {@link #NEXT_PAGE_GIVE_UP_AFTER} for the request for page {@code i + 1} to arrive, then up
     * to 5 s (no longer than the test's limit under the grader) for page {@code i + 1} to be answered (or fetched),
     * and is answered anyway after that. Call it on the test's thread.
     */
    void answerInReverseOrder(int pages) {
        nextPageFetched = Deadline.atMost(Duration.ofMillis(NEXT_PAGE_GIVE_UP_AFTER));
        for (int i = 0; i < pages; i++) {
            answered.put(i, new CountDownLatch(1));
            arrived.put(i, new CountDownLatch(1));
        }
        reverseOrderOf = pages;
    }

    /** From now on, page {@code i} is answered only after the test called {@link #pageFetched} for page {@code i + 1}. */
    void answerAfterTheNextPageWasFetched(int pages) {
        fetchedSignals = true;
        answerInReverseOrder(pages);
    }

    /** Tells the server that the client has fetched this page (see {@link #answerAfterTheNextPageWasFetched}). */
    void pageFetched(URI page) {
        String path = page.getPath();
        CountDownLatch fetched = path.startsWith("/page/") ? answered.get(index(path.substring("/page/".length()))) : null;
        if (fetched != null) {
            fetched.countDown();
        }
    }

    URI page(String name) {
        return uri("/page/" + name);
    }

    URI status(int code) {
        return uri("/status/" + code);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The most requests the server was handling at the same moment. */
    int maxInFlight() {
        return maxInFlight.get();
    }

    /** How many requests the server received. */
    int requests() {
        return requests.get();
    }

    /** The paths requested so far, in the order the requests arrived. */
    List<String> paths() {
        synchronized (paths) {
            return List.copyOf(paths);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.incrementAndGet();
        paths.add(path);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (path.startsWith("/status/")) {
                int code = Integer.parseInt(path.substring("/status/".length()));
                pause(DELAY_MILLIS);
                respond(exchange, code, code == 204 ? null : "status " + code);
            } else if (path.startsWith("/page/")) {
                String name = path.substring("/page/".length());
                pageArrived(name);
                holdForTheOthers();
                pause(DELAY_MILLIS);
                waitForTheNextPage(name);
                respond(exchange, 200, "page " + name);
                pageAnswered(name);
            } else {
                respond(exchange, 404, "no such page");
            }
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private void holdForTheOthers() {
        CountDownLatch latch = allInFlight;
        if (latch == null) {
            return;
        }
        latch.countDown();
        if (gaveUp) {
            return;
        }
        try {
            if (!latch.await(holdEndNanos() - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                gaveUp = true; // requests came one at a time: stop holding them, so that the test can end
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When the server stops holding requests: {@link #holdDeadline()} after the first held request arrived. */
    private synchronized long holdEndNanos() {
        if (!holdStarted) {
            holdStarted = true;
            holdEndNanos = hold.endNanosFromNow();
        }
        return holdEndNanos;
    }

    private void pageArrived(String name) {
        CountDownLatch here = reverseOrderOf > 0 ? arrived.get(index(name)) : null;
        if (here != null) {
            here.countDown();
        }
    }

    private void waitForTheNextPage(String name) {
        int next = index(name) + 1;
        CountDownLatch nextAnswered = reverseOrderOf > 0 ? answered.get(next) : null;
        if (nextAnswered == null) {
            return;
        }
        try {
            // Once the next page's request is here, a fetchAll on the test's pool has it fetched at once: the wait for
            // that is cut to the test's limit under the grader.
            if (arrived.get(next).await(NEXT_PAGE_GIVE_UP_AFTER, TimeUnit.MILLISECONDS)) {
                nextAnswered.await(nextPageFetched.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pageAnswered(String name) {
        CountDownLatch done = reverseOrderOf > 0 && !fetchedSignals ? answered.get(index(name)) : null;
        if (done != null) {
            done.countDown();
        }
    }

    private static int index(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the server is slow, like a real site; no test relies on this delay
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int code, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(code, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops the server and its handler threads, so that no thread of it outlives the test. */
    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        handlers.shutdownNow();
        handlers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
