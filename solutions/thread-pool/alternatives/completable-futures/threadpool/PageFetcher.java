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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Fetches pages at once with {@code invokeAll}, which submits every task and then waits for all of them. */
public final class PageFetcher {

    private PageFetcher() {
    }

    /**
     * GETs every URI with the client, each request a task on the executor, all at once; bodies in input order. A
     * non-2xx status is an IOException naming the URI and the status. Never shuts the executor down.
     */
    public static List<String> fetchAll(HttpClient client, List<URI> uris, ExecutorService executor)
            throws IOException, InterruptedException {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(executor, "executor");
        List<Callable<String>> requests = new ArrayList<>(uris.size());
        for (URI uri : uris) {
            requests.add(() -> fetch(client, uri));
        }
        List<Future<String>> responses = executor.invokeAll(requests);
        List<String> bodies = new ArrayList<>(responses.size());
        for (Future<String> response : responses) {
            try {
                bodies.add(response.get()); // invokeAll returned: every one is done
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof InterruptedException) {
                    throw (IOException) new InterruptedIOException("a request was interrupted").initCause(cause);
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IOException(cause);
            }
        }
        return bodies;
    }

    private static String fetch(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(uri + ": HTTP status " + response.statusCode());
        }
        return response.body();
    }
}
