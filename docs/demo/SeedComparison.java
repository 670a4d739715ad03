import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seeds' comparison, redone in Java on this machine (docs/concepts.md records what it printed):
 *
 * <ol>
 *   <li>IO-bound: ten requests to a slow web server (here a server on loopback that answers after 250 ms, about
 *       what one request to the seed's web site took), one after another, on thread pools, on virtual threads,
 *       and asynchronously;</li>
 *   <li>CPU-bound, the seed's recursive Fibonacci: in one thread, with a pool task for every call (on an
 *       unbounded pool, on a fixed pool of 2 where it hangs, on a ForkJoinPool), and split once per core;</li>
 *   <li>CPU-bound work on two threads at once, which Python's GIL forbids and Java allows.</li>
 * </ol>
 *
 * Run it with {@code docs/demo/run.sh} (finds a JDK 21+), or {@code java docs/demo/SeedComparison.java}.
 * Each figure is the best of three runs after one warm-up, so the JIT compiler's warm-up is not measured. The
 * server's delay stands for the network: the comparison is about waiting, not about a real site's speed.
 */
public final class SeedComparison {

    private static final int REQUESTS = 10;
    private static final long SERVER_DELAY_MILLIS = 250;
    private static final int FIB_PER_CALL_TASKS = 20;
    private static final int FIB_CPU = 38;
    /** Results are kept here so the JIT compiler cannot drop a computation whose result is unused. */
    private static volatile long sink;

    public static void main(String[] args) throws Exception {
        System.out.printf("%d cores, %s %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        ioBound();
        cpuBoundFibonacci();
        cpuBoundInParallel();
    }

    // 1. IO-bound

    private static void ioBound() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool()); // the server itself answers any number at once
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(SERVER_DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            uris.add(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/page/" + i));
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            System.out.printf("1. IO-bound: %d requests, each answered after %d ms%n", REQUESTS, SERVER_DELAY_MILLIS);
            report("one after another", () -> {
                for (URI uri : uris) {
                    get(client, uri);
                }
            });
            report("fixed thread pool of 3 (the seed's ThreadPoolExecutor(3))", () -> onExecutor(client, uris, () -> Executors.newFixedThreadPool(3)));
            report("fixed thread pool of 10", () -> onExecutor(client, uris, () -> Executors.newFixedThreadPool(REQUESTS)));
            report("a virtual thread per request", () -> onExecutor(client, uris, Executors::newVirtualThreadPerTaskExecutor));
            report("asynchronous (HttpClient.sendAsync)", () -> CompletableFuture.allOf(uris.stream()
                    .map(uri -> client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
                    .toArray(CompletableFuture[]::new)).join());
        } finally {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
        System.out.println();
    }

    private interface ExecutorFactory {
        ExecutorService create();
    }

    private static void onExecutor(HttpClient client, List<URI> uris, ExecutorFactory factory) throws Exception {
        try (ExecutorService executor = factory.create()) {
            List<Future<String>> bodies = new ArrayList<>();
            for (URI uri : uris) {
                bodies.add(executor.submit(() -> get(client, uri)));
            }
            for (Future<String> body : bodies) {
                body.get();
            }
        }
    }

    private static String get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    // 2. CPU-bound: the seed's recursive Fibonacci

    private static void cpuBoundFibonacci() throws Exception {
        int n = FIB_PER_CALL_TASKS;
        System.out.printf("2. CPU-bound: fib(%d), %d calls%n", n, 2 * fib(n + 1) - 1);
        report("plain recursion, one thread", () -> sink = fib(n));
        ExecutorService unbounded = Executors.newCachedThreadPool();
        AtomicInteger peakThreads = new AtomicInteger();
        report("a pool task per call, unbounded pool (the seed's fib_threaded)", () -> {
            fibTaskPerCall(n, unbounded);
            peakThreads.accumulateAndGet(((ThreadPoolExecutor) unbounded).getLargestPoolSize(), Math::max);
        });
        unbounded.shutdown();
        System.out.printf("   (the unbounded pool grew to %d threads: every waiting call holds one)%n", peakThreads.get());
        ExecutorService fixedTwo = Executors.newFixedThreadPool(2);
        long start = System.nanoTime();
        Future<Long> starving = fixedTwo.submit(() -> fibTaskPerCall(n, fixedTwo));
        try {
            starving.get(2, TimeUnit.SECONDS);
            System.out.printf("   %-68s finished within 2 s%n", "a pool task per call, fixed pool of 2");
        } catch (TimeoutException e) {
            System.out.printf("   %-68s never finishes: after %.1f s both pool threads wait for tasks queued behind them%n",
                    "a pool task per call, fixed pool of 2", (System.nanoTime() - start) / 1e9);
        }
        fixedTwo.shutdownNow();
        try (ForkJoinPool forkJoin = new ForkJoinPool()) {
            report("a task per call on a ForkJoinPool (join() runs queued work)", () -> sink = forkJoin.invoke(new FibTask(n)));
        }
        try (ExecutorService split = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            report("split into eight plain recursions on a pool of one thread per core", () -> sink = fibSplit(n, split));
        }
        System.out.println();
    }

    static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    /** The seed's fib_threaded: both halves become pool tasks, and the caller, a pool thread, waits for them. */
    static long fibTaskPerCall(int n, ExecutorService pool) throws InterruptedException, ExecutionException {
        if (n < 2) {
            return n;
        }
        Future<Long> a = pool.submit(() -> fibTaskPerCall(n - 1, pool));
        Future<Long> b = pool.submit(() -> fibTaskPerCall(n - 2, pool));
        return a.get() + b.get();
    }

    private static final class FibTask extends RecursiveTask<Long> {
        private final int n;

        FibTask(int n) {
            this.n = n;
        }

        @Override
        protected Long compute() {
            if (n < 2) {
                return (long) n;
            }
            FibTask first = new FibTask(n - 1);
            first.fork();
            return new FibTask(n - 2).compute() + first.join();
        }
    }

    /** fib(n) = fib(n-1) + fib(n-2) unfolded three levels: eight plain recursions on the pool, summed by the caller. */
    static long fibSplit(int n, ExecutorService pool) throws InterruptedException, ExecutionException {
        List<Future<Long>> parts = new ArrayList<>();
        collect(n, 3, pool, parts); // eight parts: enough to keep 2 to 8 cores busy
        long sum = 0;
        for (Future<Long> part : parts) {
            sum += part.get(); // only this thread waits, never a pool thread
        }
        return sum;
    }

    private static void collect(int n, int depth, ExecutorService pool, List<Future<Long>> parts) {
        if (depth == 0 || n < 2) {
            parts.add(pool.submit(() -> fib(n)));
            return;
        }
        collect(n - 1, depth - 1, pool, parts);
        collect(n - 2, depth - 1, pool, parts);
    }

    // 3. CPU-bound work in parallel

    private static void cpuBoundInParallel() throws Exception {
        System.out.printf("3. CPU-bound, no GIL: fib(%d) twice%n", FIB_CPU);
        report("one after the other, one thread", () -> sink = fib(FIB_CPU) + fib(FIB_CPU));
        report("on two threads at once", () -> {
            Thread other = Thread.ofPlatform().start(() -> sink = fib(FIB_CPU));
            sink = fib(FIB_CPU);
            other.join();
        });
    }

    // Timing

    private interface Work {
        void run() throws Exception;
    }

    private static void report(String what, Work work) throws Exception {
        work.run(); // warm-up
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("   %-68s %10.3f ms%n", what, best / 1e6);
    }
}
