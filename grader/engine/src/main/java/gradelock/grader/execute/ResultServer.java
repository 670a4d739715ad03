package gradelock.grader.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The grader's end of one test JVM's result channel: a Unix-domain socket, a file in the grading's folder, so it
 * reaches the grader from a test JVM that has no network but its own loopback. The first connection that proves
 * itself with the fork's token is read, line by line, into an inbox; any other connection is dropped unread.
 */
final class ResultServer implements AutoCloseable {

    /** What the inbox yields once the fork's connection has ended, or no fork connected in time. */
    static final Object END_OF_STREAM = new Object();

    /** The longest path a Unix-domain socket may have on Linux and macOS, less its terminating zero. */
    private static final int MAX_SOCKET_PATH_BYTES = 103;

    private final Path socketFile;
    private final Path ownFolder;
    private final ServerSocketChannel server;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final ObjectMapper json = new ObjectMapper();
    private Thread reader;

    private ResultServer(Path socketFile, Path ownFolder) throws IOException {
        this.socketFile = socketFile;
        this.ownFolder = ownFolder;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketFile));
    }

    /** A socket named {@code name} in {@code folder}, or in a short folder of its own if that path is too long. */
    static ResultServer open(Path folder, String name) throws IOException {
        Path socketFile = folder.toAbsolutePath().resolve(name);
        if (socketFile.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES) {
            return new ResultServer(socketFile, null);
        }
        Path ownFolder = Files.createTempDirectory(Path.of("/tmp"), "gradelock-");
        return new ResultServer(ownFolder.resolve(name), ownFolder);
    }

    Path socketFile() {
        return socketFile;
    }

    /** Starts reading; a fork that has not connected within {@code startLimit} ends the stream. */
    void startReading(String token, Duration startLimit) {
        reader = Thread.ofPlatform().daemon().name("gradelock-fork-reader").start(() -> read(token, startLimit));
    }

    private void read(String token, Duration startLimit) {
        try (Selector selector = Selector.open()) {
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true) {
                if (selector.select(startLimit.toMillis()) == 0) {
                    break; // nothing connected in time: the fork never started, or is not ours
                }
                selector.selectedKeys().clear();
                SocketChannel socket = server.accept();
                if (socket != null && readIfOurs(socket, token)) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the socket was closed under us, or the fork's connection broke: the stream ends either way
        }
        inbox.add(END_OF_STREAM);
    }

    /** Reads every message of a connection that opens with the token; false, having read nothing, if it does not. */
    private boolean readIfOurs(SocketChannel socket, String token) throws IOException {
        socket.configureBlocking(true);
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(socket), StandardCharsets.UTF_8))) {
            String first = in.readLine();
            if (!(parse(first) instanceof ForkMessage.Hello hello) || !hello.token().equals(token)) {
                return false; // not our fork's runtime: ignore it and keep waiting for the real one
            }
            for (String line; (line = in.readLine()) != null; ) {
                ForkMessage message = parse(line);
                if (message != null) {
                    inbox.add(message);
                }
            }
            return true;
        }
    }

    private ForkMessage parse(String line) {
        if (line == null) {
            return null;
        }
        try {
            return json.readValue(line, ForkMessage.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** The next message, {@link #END_OF_STREAM}, or null if none came within the wait. */
    Object poll(long millis) throws InterruptedException {
        return inbox.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.interrupt(); // closes a connection it is blocked reading
        }
        server.close();
        Files.deleteIfExists(socketFile);
        if (ownFolder != null) {
            Files.deleteIfExists(ownFolder);
        }
    }
}
