package gradelock.grader.fork;

import com.fasterxml.jackson.databind.ObjectMapper;
import gradelock.grader.execute.ForkMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The fork's line to the grader: JSON messages over a Unix-domain socket that only this runtime holds.
 * Sending is synchronized because the watchdog and the test listener both report.
 */
final class ResultChannel implements AutoCloseable {

    private final SocketChannel socket;
    private final ObjectMapper json;

    private ResultChannel(SocketChannel socket, ObjectMapper json) {
        this.socket = socket;
        this.json = json;
    }

    static ResultChannel connect(Path channel, String token, ObjectMapper json) throws IOException {
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        socket.connect(UnixDomainSocketAddress.of(channel));
        ResultChannel resultChannel = new ResultChannel(socket, json);
        resultChannel.send(new ForkMessage.Hello(token));
        return resultChannel;
    }

    synchronized void send(ForkMessage message) {
        // A socket channel is closed for good by an interrupt that meets a write. A test thread may still carry one
        // from JUnit's timeout when its listener reports, so the flag is set aside for the write and put back after.
        boolean interrupted = Thread.interrupted();
        try {
            ByteBuffer bytes = ByteBuffer.wrap((json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                socket.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("lost the connection to the grader", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Reports a run whose verdict leaves this JVM unfit to go on (deadlock, stall, timeout): the verdict,
     * the end of its test, and that the grader must end this JVM. Sent as one block so nothing interleaves.
     */
    synchronized void sendTaintingVerdict(ForkMessage.RunFinished run) {
        send(run);
        send(new ForkMessage.TestFinished(run.id()));
        send(new ForkMessage.Tainted(run.verdict().jsonName()));
    }

    @Override
    public synchronized void close() throws IOException {
        socket.close();
    }
}
