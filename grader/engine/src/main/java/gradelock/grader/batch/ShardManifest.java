package gradelock.grader.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gradelock.grader.report.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code shard.json}, which {@code batch --shard} writes into its output before it grades anyone: what it was graded with
 * and whom it grades, so that {@code merge} can check that the shards it is given belong together and are all there.
 *
 * @param fingerprint the grader and the course it was graded with
 * @param exercises   the exercises named with {@code --exercise} (empty: every exercise)
 * @param columns     the gradebook's exercise columns
 * @param shard       which shard this is
 * @param roster      every student of the class, in every shard, by id
 * @param students    the students of this shard, by id
 */
public record ShardManifest(Fingerprint fingerprint, List<String> exercises, List<String> columns, Shard shard, List<String> roster,
                            List<String> students) {

    public static final String FILE = "shard.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ShardManifest {
        exercises = List.copyOf(exercises);
        columns = List.copyOf(columns);
        roster = List.copyOf(roster);
        students = List.copyOf(students);
    }

    /** The manifest of {@code shard} of the class {@code roster}. */
    public static ShardManifest of(Fingerprint fingerprint, List<String> exercises, List<String> columns, Shard shard,
                                   List<StudentSubmission> roster) {
        return new ShardManifest(fingerprint, exercises, columns, shard, roster.stream().map(StudentSubmission::student).toList(),
                shard.of(roster).stream().map(StudentSubmission::student).toList());
    }

    public void writeInto(Path out) {
        try {
            AtomicFiles.write(out.resolve(FILE), JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest in {@code out}; an exception with the reason when there is none or it cannot be read. */
    public static ShardManifest readFrom(Path out) throws IOException {
        return JSON.readValue(out.resolve(FILE).toFile(), ShardManifest.class);
    }
}
