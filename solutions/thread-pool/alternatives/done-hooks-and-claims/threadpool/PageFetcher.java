package threadpool;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/** Fetching pages is a map over URIs: this reuses {@link ParallelMapper#map}, and unwraps what it throws. */
public final class PageFetcher {

    private PageFetcher() {
    }

    /**
     * GETs every URI with the client, each request a task on the executor, all at once; bodies in input order. A
     * non-2xx status is an IOException naming the URI and the status. Never shuts the executor down.
     */
    public static List<String> fetchAll(HttpClient client, List<URI> uris, ExecutorService executor)
            throws IOException, InterruptedException {
        try {
            return ParallelMapper.map(executor, uri -> fetch(client, uri), uris);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
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

    /** One request; a Function cannot throw checked exceptions, so they travel as UncheckedIOException. */
    private static String fetch(HttpClient client, URI uri) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status < 200 || status >= 300) {
                throw new IOException("status " + status + " from " + uri);
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException((IOException) new InterruptedIOException("interrupted: " + uri).initCause(e));
        }
    }
}
