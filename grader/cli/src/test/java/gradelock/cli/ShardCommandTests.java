package gradelock.cli;

import static gradelock.cli.Course.gradelock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gradelock.cli.Course.Run;
import gradelock.grader.batch.Shard;
import gradelock.grader.batch.ShardManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch --shard} and {@code merge}: a class graded in three shards by three processes and merged is the class
 * graded at once; merge refuses shards that do not belong together or are not all there; the shard of a Kubernetes
 * Indexed Job's pod comes from its environment.
 */
class ShardCommandTests {

    private static final String EXERCISE = "bounded-buffer";
    private static final Path SOLUTION = Course.solution(EXERCISE);
    private static final Path STUB = Course.ROOT.resolve("exercises").resolve(EXERCISE).resolve("src/main/java/boundedbuffer/BoundedBuffer.java");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Students whose submissions cannot be read, so batch records them at once without grading: shards 1, 2, 3, 1, 2 of 3. */
    private static final List<String> UNREADABLE = List.of("ada", "bob", "cyd", "eve", "张 伟");

    @TempDir
    Path tmp;

    @Test
    void aClassGradedInThreeShardsByThreeProcessesAndMergedIsTheClassGradedAtOnce() throws Exception {
        Path classDir = Files.createDirectories(tmp.resolve("class"));
        Files.createDirectories(classDir.resolve("ada/boundedbuffer"));   // shard 1 of 3: the reference
        Files.copy(SOLUTION.resolve("src/main/java/boundedbuffer/BoundedBuffer.java"), classDir.resolve("ada/boundedbuffer/BoundedBuffer.java"));
        Files.createDirectories(classDir.resolve("张 伟"));                // shard 2: the stub
        Files.copy(STUB, classDir.resolve("张 伟/BoundedBuffer.java"));
        Files.createDirectories(classDir.resolve("o'brien.2"));           // shard 2: does not compile
        Files.writeString(classDir.resolve("o'brien.2/BoundedBuffer.java"), "package boundedbuffer; public class BoundedBuffer {");
        Files.writeString(classDir.resolve("cyd.zip"), "this is not a zip file"); // shard 3: cannot be read
        assertThat(List.of(Shard.of("ada", 3), Shard.of("张 伟", 3), Shard.of("o'brien.2", 3), Shard.of("cyd", 3)))
                .as("the shards of the class's students: one at least in each").containsExactly(1, 2, 2, 3);

        Run whole = gradelock("batch", classDir.toString(), "--out", tmp.resolve("whole").toString(), "--exercise", EXERCISE);
        assertThat(whole.status()).as(whole.err()).isZero();
        List<String> shardOuts = new ArrayList<>();
        for (int index = 1; index <= 3; index++) {
            Path shardOut = tmp.resolve("shard-" + index);
            shardOuts.add(shardOut.toString());
            ChildRun shard = gradelockProcess("batch", classDir.toString(), "--out", shardOut.toString(), "--exercise", EXERCISE,
                    "--shard", index + "/3");
            assertThat(shard.status()).as("shard %d/3: %s", index, shard.output()).isZero();
            assertThat(shard.output()).contains("Shard " + index + "/3: ");
        }
        Path merged = tmp.resolve("merged");
        List<String> mergeArgs = new ArrayList<>(List.of("merge"));
        mergeArgs.addAll(shardOuts.reversed()); // the order shards are named in does not matter
        mergeArgs.addAll(List.of("--out", merged.toString()));

        Run merge = gradelock(mergeArgs.toArray(String[]::new));

        assertThat(merge.status()).as(merge.err()).isZero();
        assertThat(merge.out()).contains("Merged 3 of 3 shards: 4 students").doesNotContain("PARTIAL");
        Path wholeOut = tmp.resolve("whole");
        assertThat(Files.readAllLines(merged.resolve("gradebook.csv"))).as("the merged gradebook.csv beside the whole class's")
                .containsExactlyElementsOf(Files.readAllLines(wholeOut.resolve("gradebook.csv")))
                .contains("ada,45,45,", "张 伟,0,0,");
        assertThat(Files.readString(merged.resolve("summary.txt"))).as("the merged summary.txt")
                .isEqualTo(Files.readString(wholeOut.resolve("summary.txt"))).contains("Class summary: 4 students, 3 graded, 1 not graded");
        assertThat(Files.readString(merged.resolve("summary.html"))).as("the merged summary.html")
                .isEqualTo(Files.readString(wholeOut.resolve("summary.html")));
        assertThat(filesIn(merged)).as("the files of the merged output beside the whole class's").containsExactlyElementsOf(filesIn(wholeOut));
        for (String file : filesIn(merged)) {
            if (file.contains("/")) {
                Path shardOut = Path.of(shardOuts.get(Shard.of(file.substring(0, file.indexOf('/')), 3) - 1));
                assertThat(merged.resolve(file)).as("the merged %s", file).hasSameBinaryContentAs(shardOut.resolve(file));
            }
        }
    }

    @Test
    void mergeRefusesShardsOfDifferentGradersOrCoursesNamingThem() throws IOException {
        List<Path> shards = unreadableClassInShards(3);
        Path manifest = shards.get(1).resolve(ShardManifest.FILE);
        ObjectNode json = (ObjectNode) JSON.readTree(manifest.toFile());
        ((ObjectNode) json.get("fingerprint")).put("course", "0123456789abcdef0123");
        Files.writeString(manifest, json.toString());

        Run merge = merge(shards, "--out", tmp.resolve("merged").toString());

        assertThat(merge.status()).isEqualTo(2);
        assertThat(merge.err().strip()).doesNotContain("\n").startsWith("gradelock: cannot merge: " + shards.get(0) + " and " + shards.get(1)
                + " were graded with different course contents (digests ").contains("and 0123456789ab)");
        assertThat(tmp.resolve("merged")).doesNotExist();

        ((ObjectNode) json.get("fingerprint")).put("graderVersion", "gradelock 0.0.9");
        Files.writeString(manifest, json.toString());
        assertThat(merge(shards, "--out", tmp.resolve("merged").toString()).err())
                .contains("were graded with different grader versions " + Gradelock.VERSION + " and gradelock 0.0.9");
    }

    @Test
    void mergeRefusesAStudentGradedInTwoShards() throws IOException {
        List<Path> shards = unreadableClassInShards(3);
        Path again = tmp.resolve("shard-2-again");
        Course.copyTree(shards.get(1), again);

        Run merge = merge(List.of(shards.get(0), shards.get(1), again, shards.get(2)), "--out", tmp.resolve("merged").toString());

        assertThat(merge.status()).isEqualTo(2);
        assertThat(merge.err().strip()).isEqualTo("gradelock: cannot merge: student bob was graded in two shards: " + shards.get(1)
                + " (shard 2/3) and " + again + " (shard 2/3)");
    }

    @Test
    void mergeRefusesAMissingShardUnlessAllowedAPartialMergeWhichListsWhoIsMissing() throws IOException {
        List<Path> shards = unreadableClassInShards(3);
        List<Path> withoutTheSecond = List.of(shards.get(0), shards.get(2));

        Run refused = merge(withoutTheSecond, "--out", tmp.resolve("merged").toString());

        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("gradelock: cannot merge: shard 2/3 is missing; 2 students are not graded in any shard"
                + " given: bob, 张 伟; merge every shard once it is done (rerun a stopped shard: it resumes), or pass --allow-partial");

        Run partial = merge(withoutTheSecond, "--out", tmp.resolve("merged").toString(), "--allow-partial");

        assertThat(partial.status()).as(partial.err()).isZero();
        assertThat(partial.out()).contains("Merged 2 of 3 shards: 3 students",
                "PARTIAL: shard 2/3 is missing; 2 students are not graded in any shard given: bob, 张 伟");
        assertThat(Files.readAllLines(tmp.resolve("merged/gradebook.csv"))).extracting(line -> line.substring(0, line.indexOf(',')))
                .containsExactly("student", "ada", "cyd", "eve");
        assertThat(tmp.resolve("merged/summary.txt")).content().contains("Class summary: 3 students, 0 graded, 3 not graded");
        assertThat(tmp.resolve("merged/ada/failure.txt")).content().contains("not a readable .zip file");
    }

    @Test
    void mergeRefusesAShardStoppedPartWay() throws IOException {
        List<Path> shards = unreadableClassInShards(3);
        // as if the pod was killed before it got to eve: nothing of hers is written
        Files.delete(shards.get(0).resolve("eve/failure.txt"));

        Run merge = merge(shards, "--out", tmp.resolve("merged").toString());

        assertThat(merge.status()).isEqualTo(2);
        assertThat(merge.err().strip()).startsWith("gradelock: cannot merge: 1 student is not graded in any shard given: eve; ");
    }

    @Test
    void rerunningAStoppedShardGradesOnlyWhoItHadNotGraded() throws IOException {
        List<Path> shards = unreadableClassInShards(3);
        Files.delete(shards.get(0).resolve("eve/failure.txt"));

        Run rerun = gradelock("batch", tmp.resolve("class").toString(), "--out", shards.get(0).toString(), "--shard", "1/3");

        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(shards.get(0).resolve("eve/failure.txt")).exists();
        assertThat(merge(shards, "--out", tmp.resolve("merged").toString()).status()).isZero();
    }

    @Test
    void aShardIsNotResumedIntoTheOutputOfAnother() throws IOException {
        List<Path> shards = unreadableClassInShards(3);

        Run wrong = gradelock("batch", tmp.resolve("class").toString(), "--out", shards.get(0).toString(), "--shard", "2/3");

        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.err().strip()).isEqualTo("gradelock: " + shards.get(0) + " holds results graded as shard 1/3; grade shard 2/3"
                + " into a new --out (or pass --force to grade it again there)");

        Path manifest = shards.get(0).resolve(ShardManifest.FILE);
        ObjectNode json = (ObjectNode) JSON.readTree(manifest.toFile());
        ((ObjectNode) json.get("fingerprint")).put("grader", "0123456789abcdef0123");
        Files.writeString(manifest, json.toString());

        Run otherGrader = gradelock("batch", tmp.resolve("class").toString(), "--out", shards.get(0).toString(), "--shard", "1/3");

        assertThat(otherGrader.status()).isEqualTo(2);
        assertThat(otherGrader.err().strip()).startsWith("gradelock: " + shards.get(0) + " holds results graded with different grader"
                + " builds (code digests 0123456789ab and ").endsWith("); grade shard 1/3 into a new --out (or pass --force to grade it again there)");
    }

    @Test
    void inAKubernetesIndexedJobTheShardComesFromJobCompletionIndexAndTheCountFromGradelockShardsOrShards() throws IOException {
        Path classDir = unreadableClass();
        Run fromVariable = gradelockIn(Map.of("JOB_COMPLETION_INDEX", "1", "GRADELOCK_SHARDS", "3"), "batch", classDir.toString(),
                "--out", tmp.resolve("pod-1").toString());
        assertThat(fromVariable.status()).as(fromVariable.err()).isZero();
        assertThat(fromVariable.out()).contains("Shard 2/3: 2 of the class's 5 students");
        assertThat(JSON.readTree(tmp.resolve("pod-1/shard.json").toFile()).get("students")).extracting(JsonNode::asText)
                .containsExactly("bob", "张 伟");

        Run fromOption = gradelockIn(Map.of("JOB_COMPLETION_INDEX", "0"), "batch", classDir.toString(), "--out",
                tmp.resolve("pod-0").toString(), "--shards", "3");
        assertThat(fromOption.status()).as(fromOption.err()).isZero();
        assertThat(fromOption.out()).contains("Shard 1/3: 2 of the class's 5 students");

        Run explicit = gradelockIn(Map.of("JOB_COMPLETION_INDEX", "0", "GRADELOCK_SHARDS", "3"), "batch", classDir.toString(), "--out",
                tmp.resolve("pod-2").toString(), "--shard", "3/3");
        assertThat(explicit.out()).as("--shard over the environment").contains("Shard 3/3: 1 of the class's 5 students");
    }

    /** How batch was called, and the one line it must answer with. */
    private record Misuse(Map<String, String> environment, List<String> options, String error) {
    }

    @Test
    void anUnknownOrMalformedShardIsAOneLineUsageError() throws IOException {
        Path classDir = unreadableClass();
        List<Misuse> misuses = List.of(
                new Misuse(Map.of("JOB_COMPLETION_INDEX", "2"), List.of(),
                        "JOB_COMPLETION_INDEX is 2 but the number of shards is unknown: set GRADELOCK_SHARDS or pass --shards N"),
                new Misuse(Map.of("GRADELOCK_SHARDS", "3"), List.of(),
                        "GRADELOCK_SHARDS 3 says how many shards but not which one to grade: pass --shard I/N, or set JOB_COMPLETION_INDEX (from 0)"),
                new Misuse(Map.of(), List.of("--shards", "3"),
                        "--shards 3 says how many shards but not which one to grade: pass --shard I/N, or set JOB_COMPLETION_INDEX (from 0)"),
                new Misuse(Map.of("JOB_COMPLETION_INDEX", "3", "GRADELOCK_SHARDS", "3"), List.of(),
                        "JOB_COMPLETION_INDEX must be from 0 to 2 for 3 shards (GRADELOCK_SHARDS), but was 3"),
                new Misuse(Map.of("JOB_COMPLETION_INDEX", "one", "GRADELOCK_SHARDS", "3"), List.of(),
                        "JOB_COMPLETION_INDEX must be a whole number from 0 to 2, but was 'one'"),
                new Misuse(Map.of("JOB_COMPLETION_INDEX", "0", "GRADELOCK_SHARDS", "0"), List.of(), "GRADELOCK_SHARDS must be at least 1, but was 0"),
                new Misuse(Map.of("JOB_COMPLETION_INDEX", "0", "GRADELOCK_SHARDS", "two"), List.of(),
                        "GRADELOCK_SHARDS must be a whole number of shards, but was 'two'"),
                new Misuse(Map.of("JOB_COMPLETION_INDEX", "0"), List.of("--shards", "3", "--shard", "1/3"),
                        "--shards goes with JOB_COMPLETION_INDEX; --shard 1/3 names the count already"),
                new Misuse(Map.of(), List.of("--shard", "4/3"), "--shard must be I/N with 1 <= I <= N (e.g. 2/5), but was '4/3'"),
                new Misuse(Map.of(), List.of("--shard", "0/3"), "--shard must be I/N with 1 <= I <= N (e.g. 2/5), but was '0/3'"),
                new Misuse(Map.of("GRADELOCK_SHARDS", "x"), List.of("--shard", "2of3"),
                        "--shard must be I/N, the shard I of N counted from 1 (e.g. 2/5), but was '2of3'"));
        for (Misuse misuse : misuses) {
            List<String> args = new ArrayList<>(List.of("batch", classDir.toString(), "--out", tmp.resolve("out").toString()));
            args.addAll(misuse.options());
            Run run = gradelockIn(misuse.environment(), args.toArray(String[]::new));
            assertThat(run.status()).as("the exit status in %s with %s", misuse.environment(), misuse.options()).isEqualTo(2);
            assertThat(run.err()).as("the error in %s with %s", misuse.environment(), misuse.options())
                    .isEqualTo("gradelock: " + misuse.error() + System.lineSeparator());
        }
        assertThat(tmp.resolve("out")).as("what the usage errors wrote").doesNotExist();
    }

    /** A class of {@link #UNREADABLE} students, graded in {@code count} shards, each into a folder of its own. */
    private List<Path> unreadableClassInShards(int count) throws IOException {
        Path classDir = unreadableClass();
        List<Path> outs = new ArrayList<>();
        for (int index = 1; index <= count; index++) {
            Path out = tmp.resolve("shard-" + index);
            Run run = gradelock("batch", classDir.toString(), "--out", out.toString(), "--shard", index + "/" + count);
            assertThat(run.status()).as(run.err()).isZero();
            outs.add(out);
        }
        return outs;
    }

    private Path unreadableClass() throws IOException {
        Path classDir = Files.createDirectories(tmp.resolve("class"));
        for (String student : UNREADABLE) {
            Files.writeString(classDir.resolve(student + ".zip"), "this is not a zip file");
        }
        return classDir;
    }

    private static Run merge(List<Path> shards, String... options) {
        List<String> args = new ArrayList<>(List.of("merge"));
        shards.forEach(shard -> args.add(shard.toString()));
        args.addAll(List.of(options));
        return gradelock(args.toArray(String[]::new));
    }

    /** Runs the CLI in this JVM as {@code ./gradelock args...} would, in the environment given (and no other). */
    private static Run gradelockIn(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Gradelock.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
        return new Run(status, out.toString(), err.toString());
    }

    private record ChildRun(int status, String output) {
    }

    /** Runs {@code ./gradelock args...} as a process of its own, with this JVM's java and class path. */
    private ChildRun gradelockProcess(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Gradelock.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "gradelock", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("JOB_COMPLETION_INDEX");
        builder.environment().remove("GRADELOCK_SHARDS");
        Process process = builder.start();
        if (!Course.finishedWithin(process, 5)) {
            throw new AssertionError("gradelock " + String.join(" ", args) + " did not finish in 5 minutes: " + Files.readString(log));
        }
        return new ChildRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Every file under {@code out} but shard.json, relative to it, in order. */
    private static List<String> filesIn(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).map(file -> out.relativize(file).toString().replace('\\', '/'))
                    .filter(file -> !file.equals(ShardManifest.FILE)).sorted().toList();
        }
    }
}
