package threadpool;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An HTTP client that sends through a real one and records, for every {@code send}, the thread that called it, and
 * counts calls of {@code sendAsync} (which runs a request on the client's own threads, not on the executor a test
 * handed over).
 */
final class RecordingHttpClient extends HttpClient {

    private final HttpClient delegate;
    private final List<Thread> sendingThreads = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger asyncSends = new AtomicInteger();
    private final ThreadLocal<URI> lastSent = new ThreadLocal<>();

    RecordingHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /** The threads that called {@code send}, one entry per call. */
    List<Thread> sendingThreads() {
        synchronized (sendingThreads) {
            return List.copyOf(sendingThreads);
        }
    }

    int asyncSends() {
        return asyncSends.get();
    }

    /** The URI of the last request the calling thread sent, which is then forgotten; {@code null} if none. */
    URI takeLastSentOnThisThread() {
        URI uri = lastSent.get();
        lastSent.remove();
        return uri;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        sendingThreads.add(Thread.currentThread());
        lastSent.set(request.uri());
        return delegate.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        asyncSends.incrementAndGet();
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        asyncSends.incrementAndGet();
        return delegate.sendAsync(request, handler, pushPromiseHandler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public void shutdownNow() {
        delegate.shutdownNow();
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        return delegate.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
