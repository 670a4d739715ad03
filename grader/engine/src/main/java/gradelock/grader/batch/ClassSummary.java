package gradelock.grader.batch;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a class did as a whole: how the total scores spread, and for each test how many students lost it and with
 * which verdicts, most often lost first: the bugs the class made most.
 *
 * @param buckets   how many graded students scored in each tenth of the maximum (the last one includes full marks)
 * @param lostTests tests at least one student lost, most often lost first
 */
public record ClassSummary(int students, int graded, int notGraded, int maxScore, List<Integer> buckets, List<LostTest> lostTests) {

    /** One test and the verdicts it got from the students who lost it. */
    public record LostTest(String exerciseId, String test, int lostBy, Map<Verdict, Integer> verdicts) {
    }

    public ClassSummary {
        buckets = List.copyOf(buckets);
        lostTests = List.copyOf(lostTests);
    }

    public static ClassSummary of(List<StudentResult> results) {
        List<StudentResult> graded = results.stream().filter(StudentResult::graded).toList();
        int maxScore = graded.stream().mapToInt(r -> r.result().maxScore()).max().orElse(0);
        int[] buckets = new int[10];
        Map<String, LostTest> lost = new LinkedHashMap<>();
        for (StudentResult student : graded) {
            int score = student.result().score();
            int bucket = maxScore == 0 ? 9 : Math.min(9, score * 10 / maxScore);
            buckets[bucket]++;
            for (ExerciseOutcome exercise : student.result().exercises()) {
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
        List<Integer> bucketList = new ArrayList<>();
        for (int count : buckets) {
            bucketList.add(count);
        }
        return new ClassSummary(results.size(), graded.size(), results.size() - graded.size(), maxScore, bucketList, mostLostFirst);
    }
}
