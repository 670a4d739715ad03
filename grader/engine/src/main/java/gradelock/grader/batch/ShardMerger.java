package gradelock.grader.batch;

import gradelock.grader.model.GradingResult;
import gradelock.grader.report.JsonReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Puts the outputs of {@code batch --shard} back together as one unsharded {@code batch} would have written them: each
 * student's folder, and {@code gradebook.csv} written by the batch's own {@link Gradebook}; the class summary is
 * {@link ClassSummary#of} the students' results, as the batch's.
 *
 * <p>It refuses ({@link Refused}) shards graded with different fingerprints, exercises, shard counts or class rosters,
 * a student graded in two shards, and, unless partial merges are allowed, a shard missing or a student in a shard left
 * ungraded (a shard killed part way).
 */
public final class ShardMerger {

    /** Why shards cannot be merged, in one line. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * What a merge wrote: the class summary of the students merged, and what was not there to merge.
     *
     * @param shards          the shards merged, by number
     * @param missingShards   the shards (numbered from 1) not given
     * @param missingStudents the students not merged (their shard is missing, or it stopped before grading them), by id
     */
    public record Merged(ClassSummary summary, int shardCount, List<Integer> shards, List<Integer> missingShards,
                         List<String> missingStudents) {

        public Merged {
            shards = List.copyOf(shards);
            missingShards = List.copyOf(missingShards);
            missingStudents = List.copyOf(missingStudents);
        }

        public boolean complete() {
            return missingStudents.isEmpty() && missingShards.isEmpty();
        }
    }

    private ShardMerger() {
    }

    /** Merges the shard outputs {@code shardOutputs} into {@code out}, a new or empty folder. */
    public static Merged merge(List<Path> shardOutputs, Path out, boolean allowPartial) {
        if (shardOutputs.isEmpty()) {
            throw new Refused("nothing to merge: name the output folder of every shard");
        }
        Map<Path, ShardManifest> manifests = new LinkedHashMap<>();
        for (Path shardOut : shardOutputs) {
            if (!Files.isDirectory(shardOut)) {
                throw new Refused("no such folder: " + shardOut);
            }
            if (!Files.isRegularFile(shardOut.resolve(ShardManifest.FILE))) {
                throw new Refused(shardOut + " has no " + ShardManifest.FILE + ": it is not the output of batch --shard");
            }
            try {
                manifests.put(shardOut, ShardManifest.readFrom(shardOut));
            } catch (IOException | RuntimeException e) {
                throw new Refused(shardOut.resolve(ShardManifest.FILE) + " cannot be read: " + firstLine(e.getMessage()));
            }
        }
        Path firstOut = shardOutputs.getFirst();
        ShardManifest first = manifests.get(firstOut);
        for (Map.Entry<Path, ShardManifest> entry : manifests.entrySet()) {
            checkBelongTogether(firstOut, first, entry.getKey(), entry.getValue());
        }

        int count = first.shard().count();
        Map<String, Path> gradedIn = new TreeMap<>();
        Map<Integer, Path> shardsGiven = new TreeMap<>();
        for (Map.Entry<Path, ShardManifest> entry : manifests.entrySet()) {
            shardsGiven.putIfAbsent(entry.getValue().shard().index(), entry.getKey());
            for (String student : entry.getValue().students()) {
                Path earlier = gradedIn.putIfAbsent(student, entry.getKey());
                if (earlier != null) {
                    throw new Refused("student " + student + " was graded in two shards: " + earlier + " (shard "
                            + manifests.get(earlier).shard() + ") and " + entry.getKey() + " (shard " + entry.getValue().shard() + ")");
                }
            }
        }
        List<Integer> missingShards = new ArrayList<>();
        for (int index = 1; index <= count; index++) {
            if (!shardsGiven.containsKey(index)) {
                missingShards.add(index);
            }
        }

        Map<String, StudentResult> results = new TreeMap<>();
        List<String> missingStudents = new ArrayList<>();
        for (String student : first.roster()) {
            Path shardOut = gradedIn.get(student);
            StudentResult result = shardOut == null ? null : resultIn(shardOut, student);
            if (result == null) {
                missingStudents.add(student);
            } else {
                results.put(student, result);
            }
        }
        if (!allowPartial && !(missingShards.isEmpty() && missingStudents.isEmpty())) {
            throw new Refused(whatIsMissing(count, missingShards, missingStudents) + "; merge every shard once it is done (rerun a"
                    + " stopped shard: it resumes), or pass --allow-partial");
        }

        try {
            Files.createDirectories(out);
            for (String student : results.keySet()) {
                copyTree(gradedIn.get(student).resolve(student), out.resolve(student));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        List<StudentResult> merged = List.copyOf(results.values());
        new Gradebook(out.resolve(BatchGrader.GRADEBOOK_FILE), first.columns()).write(merged);
        return new Merged(ClassSummary.of(merged, first.exercises()), count, List.copyOf(shardsGiven.keySet()), missingShards,
                missingStudents);
    }

    /** "shard 3/3 is missing (2 students: ...)", and the students left ungraded in the shards given. */
    public static String whatIsMissing(int count, List<Integer> missingShards, List<String> missingStudents) {
        List<String> parts = new ArrayList<>();
        if (!missingShards.isEmpty()) {
            parts.add((missingShards.size() == 1 ? "shard " : "shards ")
                    + String.join(", ", missingShards.stream().map(index -> index + "/" + count).toList())
                    + (missingShards.size() == 1 ? " is" : " are") + " missing");
        }
        if (!missingStudents.isEmpty()) {
            parts.add(missingStudents.size() + (missingStudents.size() == 1 ? " student is" : " students are") + " not graded in any"
                    + " shard given: " + String.join(", ", missingStudents));
        }
        return String.join("; ", parts);
    }

    private static void checkBelongTogether(Path firstOut, ShardManifest first, Path otherOut, ShardManifest other) {
        String differs = first.fingerprint().difference(other.fingerprint());
        if (differs != null) {
            throw new Refused(firstOut + " and " + otherOut + " were graded with different " + differs + ": grade every shard with"
                    + " the same grader and course");
        }
        if (!first.exercises().equals(other.exercises()) || !first.columns().equals(other.columns())) {
            throw new Refused(firstOut + " and " + otherOut + " graded different exercises (" + named(first) + " and " + named(other) + ")");
        }
        if (first.shard().count() != other.shard().count()) {
            throw new Refused(firstOut + " is shard " + first.shard() + " but " + otherOut + " is shard " + other.shard()
                    + ": a class split into different numbers of shards");
        }
        if (!first.roster().equals(other.roster())) {
            throw new Refused(firstOut + " and " + otherOut + " were graded from different class folders (" + first.roster().size()
                    + " and " + other.roster().size() + " students)");
        }
    }

    private static String named(ShardManifest manifest) {
        return manifest.exercises().isEmpty() ? "every exercise" : "--exercise " + String.join(", ", manifest.exercises());
    }

    /** The student's result as batch left it in {@code shardOut}, or null when it did not get to them. */
    private static StudentResult resultIn(Path shardOut, String student) {
        Path folder = shardOut.resolve(student);
        Path resultFile = folder.resolve(BatchGrader.RESULT_FILE);
        if (Files.isRegularFile(resultFile)) {
            try {
                GradingResult result = JsonReport.parse(Files.readString(resultFile));
                return StudentResult.graded(student, result, true);
            } catch (IOException | RuntimeException unreadable) {
                return null; // half-written: rerunning the shard grades this student again
            }
        }
        Path failureFile = folder.resolve(BatchGrader.FAILURE_FILE);
        if (Files.isRegularFile(failureFile)) {
            try {
                return StudentResult.failed(student, BatchGrader.failureReason(Files.readString(failureFile)));
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
