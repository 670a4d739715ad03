package threadpool;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The seed's IO-bound comparison as a tool: fetches many slow pages at once instead of one after another, so that
 * ten requests of 250 ms take about 250 ms, not 2.5 s.
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
        throw new UnsupportedOperationException(
                "TODO: submit a request task per URI to the executor, then collect the bodies in order");
    }
}
