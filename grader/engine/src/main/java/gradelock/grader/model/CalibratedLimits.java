package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each test's time limit, derived from how long the reference solution takes: {@code solutions/<id>/limits.json},
 * written by {@code gradelock calibrate}. A run of a test that goes past its limit while the submission's code holds
 * it gets the verdict {@code timeout} there, instead of at the exercise's ceiling ({@code test_timeout_seconds}, or a
 * test's own {@code @Timeout}), which stays the most any test may take.
 *
 * <p>A limit is {@value #FACTOR} times the slowest run of the reference seen in calibration, and never less than
 * {@value #FLOOR_MILLIS} ms: ten times for correct code that is slower than the reference (a plain {@code synchronized}
 * version, a linked list, extra logging), and twice that again for a machine busy with other gradings.
 *
 * @param runs    how many gradings of the reference the limits were measured over
 * @param machine the machine they were measured on, as the command describes it
 * @param tests   each test ({@code Class.method}, as reports name it) and its limit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"runs", "factor", "floor_ms", "machine", "tests"})
public record CalibratedLimits(
        @JsonProperty("runs") int runs,
        @JsonProperty("factor") int factor,
        @JsonProperty("floor_ms") long floorMillis,
        @JsonProperty("machine") String machine,
        @JsonProperty("tests") Map<String, TestLimit> tests) {

    /** How many times the reference's slowest run a test may take. */
    public static final int FACTOR = 20;
    /** The least any limit is: room for a fresh JVM's class loading, and for the stall watch (0.5 s) to finish. */
    public static final long FLOOR_MILLIS = 1_000;
    /** The file beside {@code exercise.json}, in the solution folder and in its test-jar. */
    public static final String FILE_NAME = "limits.json";

    /** No calibration: every test has only its ceiling. */
    public static final CalibratedLimits NONE = new CalibratedLimits(0, FACTOR, FLOOR_MILLIS, null, Map.of());

    /**
     * @param referenceMaxMillis the slowest run of this test in the reference's calibration
     * @param limitMillis        the most a run of it may take
     */
    @JsonPropertyOrder({"reference_max_ms", "limit_ms"})
    public record TestLimit(@JsonProperty("reference_max_ms") long referenceMaxMillis, @JsonProperty("limit_ms") long limitMillis) {
    }

    public CalibratedLimits {
        // in name order, so that limits.json reads (and diffs) well; unmodifiable, like every record passed along
        tests = Collections.unmodifiableSortedMap(tests == null ? new TreeMap<>() : new TreeMap<>(tests));
    }

    public Optional<TestLimit> of(String testName) {
        return Optional.ofNullable(tests.get(testName));
    }

    /**
     * The limit for a test whose slowest reference run took {@code referenceMaxMillis}: {@value #FACTOR} times that, at
     * least {@value #FLOOR_MILLIS} ms, at most {@code ceilingMillis}, rounded up to a tenth of a second.
     */
    public static long limitFor(long referenceMaxMillis, long ceilingMillis) {
        long limit = Math.max(FLOOR_MILLIS, referenceMaxMillis * FACTOR);
        long rounded = (limit + 99) / 100 * 100;
        return Math.min(rounded, ceilingMillis);
    }

    /** Limits measured over {@code runs} gradings, from each test's slowest run. */
    public static CalibratedLimits measured(int runs, String machine, Map<String, Long> slowestRunMillis, long ceilingMillis) {
        Map<String, TestLimit> tests = new TreeMap<>();
        slowestRunMillis.forEach((test, slowest) -> tests.put(test, new TestLimit(slowest, limitFor(slowest, ceilingMillis))));
        return new CalibratedLimits(runs, FACTOR, FLOOR_MILLIS, machine, tests);
    }
}
