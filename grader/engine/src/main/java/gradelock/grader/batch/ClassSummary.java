package gradelock.grader.batch;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a class did as a whole, out of the exercises graded: how the scores spread, overall and per exercise; each
 * student's score; and for each test how many students lost it and with which verdicts, most often lost first: the
 * bugs the class made most.
 *
 * <p>The exercises graded are the ones named with {@code --exercise}, or else the ones at least one student submitted:
 * an exercise nobody submitted was not set, and counting its points against everyone would put a student with full
 * marks on the one exercise set among the lowest tenths.
 *
 * @param basis      how the exercises graded were chosen
 * @param exercises  the exercises graded, each with its points and how its scores spread; their points add up to {@code maxScore}
 * @param notCounted exercises left out because no student submitted them (always empty for {@link Basis#NAMED})
 * @param buckets    how many graded students scored in each tenth of {@code maxScore} (the last one includes full marks)
 * @param students   every student, in the order of their ids, with their score out of {@code maxScore}
 * @param lostTests  tests at least one student lost, most often lost first
 */
public record ClassSummary(int graded, int notGraded, Basis basis, List<ExerciseSpread> exercises, List<String> notCounted,
                           int maxScore, List<Integer> buckets, List<Student> students, List<LostTest> lostTests) {

    /** How many tenths a score's spread is drawn in. */
    public static final int TENTHS = 10;

    /** How the exercises graded were chosen. */
    public enum Basis {
        /** Named with {@code --exercise}: what the students were asked to do, submitted or not. */
        NAMED,
        /** Every exercise at least one student submitted. */
        SUBMITTED
    }

    /**
     * One exercise graded: its points, how many graded students submitted it, and how their scores on it spread over
     * tenths of its points (a student who did not submit it scores 0 there).
     */
    public record ExerciseSpread(String id, int maxScore, int submittedBy, List<Integer> buckets) {

        public ExerciseSpread {
            buckets = List.copyOf(buckets);
        }
    }

    /**
     * One student's line: their score out of the summary's maximum, or why they could not be graded ({@code failure},
     * null when graded). The student's reports are in the folder named after them, beside the summary.
     */
    public record Student(String student, int score, int maxScore, String failure) {

        public boolean graded() {
            return failure == null;
        }

        /** The score as a whole percentage of the maximum, rounded down as the tenths of the histogram are; 0 when there is none. */
        public int percent() {
            return maxScore == 0 ? 0 : score * 100 / maxScore;
        }
    }

    /** One test and the verdicts it got from the students who lost it. */
    public record LostTest(String exerciseId, String test, int lostBy, Map<Verdict, Integer> verdicts) {
    }

    public ClassSummary {
        exercises = List.copyOf(exercises);
        notCounted = List.copyOf(notCounted);
        buckets = List.copyOf(buckets);
        students = List.copyOf(students);
        lostTests = List.copyOf(lostTests);
    }

    /** All the students, graded or not. */
    public int studentCount() {
        return students.size();
    }

    /**
     * The summary of {@code results}, out of {@code namedExercises} (those given with {@code --exercise}) or, when none
     * are named, out of the exercises at least one graded student submitted.
     */
    public static ClassSummary of(List<StudentResult> results, List<String> namedExercises) {
        List<StudentResult> sorted = results.stream().sorted(Comparator.comparing(StudentResult::student)).toList();
        List<StudentResult> graded = sorted.stream().filter(StudentResult::graded).toList();
        Basis basis = namedExercises.isEmpty() ? Basis.SUBMITTED : Basis.NAMED;
        Set<String> seen = new LinkedHashSet<>();
        graded.forEach(student -> student.result().exercises().forEach(exercise -> seen.add(exercise.id())));
        List<String> counted = basis == Basis.NAMED ? namedExercises.stream().distinct().toList()
                : seen.stream().filter(id -> graded.stream().anyMatch(student -> submitted(student, id))).toList();
        List<String> notCounted = basis == Basis.NAMED ? List.of() : seen.stream().filter(id -> !counted.contains(id)).toList();

        List<ExerciseSpread> spreads = new ArrayList<>();
        for (String id : counted) {
            int points = graded.stream().flatMap(student -> outcome(student, id).stream()).mapToInt(ExerciseOutcome::maxScore).max().orElse(0);
            int[] buckets = new int[TENTHS];
            graded.forEach(student -> buckets[tenth(score(student, id), points)]++);
            int submittedBy = (int) graded.stream().filter(student -> submitted(student, id)).count();
            spreads.add(new ExerciseSpread(id, points, submittedBy, asList(buckets)));
        }
        int maxScore = spreads.stream().mapToInt(ExerciseSpread::maxScore).sum();

        int[] buckets = new int[TENTHS];
        List<Student> students = new ArrayList<>();
        for (StudentResult student : sorted) {
            if (student.graded()) {
                int score = counted.stream().mapToInt(id -> score(student, id)).sum();
                buckets[tenth(score, maxScore)]++;
                students.add(new Student(student.student(), score, maxScore, null));
            } else {
                students.add(new Student(student.student(), 0, maxScore, student.failure()));
            }
        }
        return new ClassSummary(graded.size(), sorted.size() - graded.size(), basis, spreads, notCounted, maxScore, asList(buckets),
                students, lostTests(graded, counted));
    }

    private static List<LostTest> lostTests(List<StudentResult> graded, List<String> counted) {
        Map<String, LostTest> lost = new LinkedHashMap<>();
        for (StudentResult student : graded) {
            for (ExerciseOutcome exercise : student.result().exercises()) {
                if (!counted.contains(exercise.id())) {
                    continue;
                }
                for (TestOutcome test : exercise.tests()) {
                    if (!test.passed()) {
                        String key = exercise.id() + "/" + test.name();
                        LostTest before = lost.getOrDefault(key, new LostTest(exercise.id(), test.name(), 0, Map.of()));
                        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
                        verdicts.putAll(before.verdicts());
                        verdicts.merge(test.verdict(), 1, Integer::sum);
                        lost.put(key, new LostTest(exercise.id(), test.name(), before.lostBy() + 1, Map.copyOf(verdicts)));
                    }
                }
            }
        }
        List<LostTest> mostLostFirst = new ArrayList<>(lost.values());
        mostLostFirst.sort(Comparator.comparingInt(LostTest::lostBy).reversed());
        return mostLostFirst;
    }

    /** Which tenth of {@code max} a score falls in; full marks fall in the last. */
    private static int tenth(int score, int max) {
        return max == 0 ? 0 : Math.max(0, Math.min(TENTHS - 1, score * TENTHS / max));
    }

    private static Optional<ExerciseOutcome> outcome(StudentResult student, String exerciseId) {
        return student.result().exercises().stream().filter(exercise -> exercise.id().equals(exerciseId)).findFirst();
    }

    private static int score(StudentResult student, String exerciseId) {
        return outcome(student, exerciseId).map(ExerciseOutcome::score).orElse(0);
    }

    private static boolean submitted(StudentResult student, String exerciseId) {
        return outcome(student, exerciseId).filter(exercise -> exercise.status() != ExerciseStatus.MISSING).isPresent();
    }

    private static List<Integer> asList(int[] counts) {
        List<Integer> list = new ArrayList<>();
        for (int count : counts) {
            list.add(count);
        }
        return list;
    }
}
