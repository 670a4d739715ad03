package gradelock.grader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which shard grades whom: a partition of the class by id, whatever order the class folder is listed in. */
class ShardTests {

    /** Ids as a class folder may hold them: unicode, spaces, digits, dots, dashes, letters differing only in case. */
    private static final List<String> AWKWARD_IDS = List.of("ada", "Ada", "张伟", "张 伟", "José María", "zoë", "o'brien", "2024-007",
            "007", "7", "x.y.z", ".5", "d an", "a,b", "Ölçer", "μαρία", "مريم", "😀", "ab", "ba", "student 10", "student 2", "");

    @Test
    void everyStudentIsInExactlyOneShardForOneToFiveShards() {
        List<StudentSubmission> students = submissions(AWKWARD_IDS);
        for (int count = 1; count <= 5; count++) {
            Map<String, Integer> shardOf = new TreeMap<>();
            for (int index = 1; index <= count; index++) {
                for (StudentSubmission student : new Shard(index, count).of(students)) {
                    Integer earlier = shardOf.put(student.student(), index);
                    assertThat(earlier).as("the shard of '%s' out of %d besides shard %d", student.student(), count, index).isNull();
                }
            }
            assertThat(shardOf.keySet()).as("the students in some shard of %d", count).containsExactlyInAnyOrderElementsOf(AWKWARD_IDS);
            for (String id : AWKWARD_IDS) {
                assertThat(shardOf.get(id)).as("the shard of '%s' out of %d", id, count).isEqualTo(Shard.of(id, count)).isBetween(1, count);
            }
        }
    }

    @Test
    void theAssignmentDoesNotDependOnTheOrderTheClassIsListedIn() {
        Random random = new Random(15);
        for (int count = 1; count <= 5; count++) {
            List<List<String>> byShard = shardsOf(AWKWARD_IDS, count);
            for (int shuffle = 0; shuffle < 20; shuffle++) {
                List<String> listed = new ArrayList<>(AWKWARD_IDS);
                Collections.shuffle(listed, random);
                List<List<String>> again = shardsOf(listed, count);
                for (int index = 0; index < count; index++) {
                    assertThat(again.get(index)).as("shard %d of %d with the class listed as %s", index + 1, count, listed)
                            .containsExactlyInAnyOrderElementsOf(byShard.get(index));
                }
            }
        }
    }

    @Test
    void aStudentsShardIsTheSameWhoeverElseIsInTheClass() {
        List<List<String>> whole = shardsOf(AWKWARD_IDS, 4);
        List<List<String>> half = shardsOf(AWKWARD_IDS.subList(0, AWKWARD_IDS.size() / 2), 4);
        for (int index = 0; index < 4; index++) {
            assertThat(whole.get(index)).as("shard %d of 4 of the whole class, beside the same shard of its first half", index + 1)
                    .containsAll(half.get(index));
        }
    }

    @Test
    void aShardIsIOfNCountedFromOne() {
        assertThat(Shard.parse("2/5")).isEqualTo(new Shard(2, 5));
        assertThat(Shard.parse("1/1")).hasToString("1/1");
        for (String wrong : List.of("0/3", "4/3", "3", "2of3", "-1/3", "1/0", "a/b", "", "1/3/5")) {
            assertThatThrownBy(() -> Shard.parse(wrong)).as("--shard '%s'", wrong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--shard must be I/N").hasMessageEndingWith("but was '" + wrong + "'");
        }
    }

    private static List<List<String>> shardsOf(List<String> ids, int count) {
        List<List<String>> shards = new ArrayList<>();
        for (int index = 1; index <= count; index++) {
            shards.add(new Shard(index, count).of(submissions(ids)).stream().map(StudentSubmission::student).toList());
        }
        return shards;
    }

    private static List<StudentSubmission> submissions(List<String> ids) {
        return ids.stream().map(id -> new StudentSubmission(id, Path.of("class", id.isEmpty() ? "_" : id))).toList();
    }
}
