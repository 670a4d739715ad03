package threadpool;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

/**
 * The public tests of task 3 (PageFetcher), against a real HTTP server on loopback ({@link TestServer}) that answers
 * every request after a delay, like a slow web site.
 */
@Timeout(10)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class PageFetcherTests {

    private TestServer server;
    private HttpClient client;
    private final List<ExecutorService> executors = new ArrayList<>();

    @BeforeEach
    void startTheServer() throws IOException {
        server = new TestServer();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        client.shutdownNow();
        client.awaitTermination(Duration.ofSeconds(5));
        server.close();
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private ExecutorService fixedPool(int threads) {
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                task -> new Thread(task, "fetch-pool-thread-" + number.incrementAndGet()));
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

    @Test
    @DisplayName("3.1 fetchAll returns the bodies in the order of the URIs")
    void returnsTheBodiesInOrder() throws Exception {
        List<String> bodies = PageFetcher.fetchAll(client, pages(5), fixedPool(3));

        assertThat(bodies).as("the bodies fetchAll returned for pages 0 to 4")
                .containsExactly("page 0", "page 1", "page 2", "page 3", "page 4");
    }

    @Test
    @DisplayName("3.2 On a pool of 5 threads, 5 requests are in flight at the same time")
    void sendsAllRequestsAtOnce() throws Exception {
        server.holdUntilInFlight(5);

        List<String> bodies = PageFetcher.fetchAll(client, pages(5), fixedPool(5));

        if (server.maxInFlight() < 5) {
            fail("The server saw at most %d of the 5 requests at the same time (it held each request until all 5 had"
                    + " arrived, and gave up %s after the first). fetchAll must submit every request to the executor before"
                    + " it waits for any response.", server.maxInFlight(), server.holdDeadline());
        }
        assertThat(bodies).hasSize(5);
    }

    @Test
    @DisplayName("3.3 A 404 is an IOException that names the URI and the status")
    void aNotFoundIsAnIOException() {
        URI missing = server.status(404);

        Throwable thrown = catchThrowable(() -> PageFetcher.fetchAll(client, List.of(server.page("a"), missing), fixedPool(2)));

        assertThat(thrown).as("what fetchAll threw when one page answered 404").isInstanceOf(IOException.class);
        assertThat(thrown.getMessage()).as("the IOException's message").contains(missing.toString()).contains("404");
    }
}
