package threadpool;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The seed's IO-bound comparison as a tool: fetches many slow pages at once instead of one after another, so that
 * ten requests of 250 ms take about 250 ms, not 2.5 s.
 *
 * <p>Made slower on purpose: the caller dawdles for a fixed time over each request it submits and each body it
 * hands back, never while it waits for a response.
 */
public final class PageFetcher {

    /** Extra cost of each submit and each body, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 300_000;

    private PageFetcher() {
    }

    /**
     * GETs every URI with {@code client}, each request a task on {@code executor}, all submitted before any is
     * waited for, and returns the response bodies in the order of {@code uris}. The executor is borrowed: this
     * method never shuts it down (and creates no threads or pools of its own).
     *
     * @param client the HTTP client that sends every request
     * @param uris the pages to fetch
     * @param executor where each request runs as a task; left running
     * @return the bodies, in the order of {@code uris}
     * @throws IOException if a request fails, or a response's status is not 2xx (200–299); the message names that
     *         URI and its status
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static List<String> fetchAll(HttpClient client, List<URI> uris, ExecutorService executor)
            throws IOException, InterruptedException {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(uris, "uris");
        Objects.requireNonNull(executor, "executor");
        List<Future<String>> bodies = new ArrayList<>(uris.size());
        try {
            for (URI uri : uris) {
                dawdle();
                bodies.add(executor.submit(() -> fetch(client, uri)));
            }
            List<String> result = new ArrayList<>(bodies.size());
            for (Future<String> body : bodies) {
                result.add(body.get());
                dawdle();
            }
            return result;
        } catch (ExecutionException e) {
            throw unwrap(e);
        } finally {
            for (Future<String> body : bodies) {
                body.cancel(true); // after a failure, the other requests are not needed any more
            }
        }
    }

    private static String fetch(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new IOException("GET " + uri + " answered with status " + status + ", not 2xx");
        }
        return response.body();
    }

    /** What a request task threw, as this method's own exception. */
    private static IOException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof InterruptedException interrupted) {
            InterruptedIOException io = new InterruptedIOException("a request was interrupted");
            io.initCause(interrupted);
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }

    /** Spins for DAWDLE_NANOS: fixed work on the operation's path, never while waiting. */
    private static void dawdle() {
        long until = System.nanoTime() + DAWDLE_NANOS;
        while (System.nanoTime() - until < 0) {
            // nothing: the time itself is the cost
        }
    }
}
