package gradelock.grader.fork;

import com.fasterxml.jackson.databind.ObjectMapper;
import gradelock.grader.execute.ForkMessage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The fork's line to the grader: JSON messages over a loopback socket that only this runtime holds.
 * Sending is synchronized because the watchdog and the test listener both report.
 */
final class ResultChannel implements AutoCloseable {

    private final Socket socket;
    private final BufferedWriter out;
    private final ObjectMapper json = new ObjectMapper();

    private ResultChannel(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
    }

    static ResultChannel connect(int port, String token) throws IOException {
        ResultChannel channel = new ResultChannel(new Socket(InetAddress.getLoopbackAddress(), port));
        channel.send(new ForkMessage.Hello(token));
        return channel;
    }

    synchronized void send(ForkMessage message) {
        try {
            out.write(json.writeValueAsString(message));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("lost the connection to the grader", e);
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
        out.flush();
        socket.close();
    }
}
