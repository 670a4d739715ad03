package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each test's time limit, derived from how long the reference solution takes: {@code solutions/<id>/limits.json},
 * written by {@code gradelock calibrate}. A run of a test that goes past its limit while the submission's code holds
 * it gets the verdict {@code timeout} there, instead of at the exercise's ceiling ({@code test_timeout_seconds}, or a
 * test's own {@code @Timeout}), which stays the most any test may take.
 *
 * <p>A test's runs spend their time running (the test's threads, the submission's, its child processes) or waiting
 * (a timeout the contract sets, the test's own measuring windows); the watchdog tells the two apart as the test runs.
 * A limit is {@value #FACTOR} times the most running time of the reference in calibration, plus {@value #WAIT_FACTOR}
 * times the rest of its slowest run, and never less than {@value #FLOOR_MILLIS} ms: correct code ten times slower than
 * the reference (a plain {@code synchronized} version, a linked list, extra logging) runs ten times longer but waits
 * as long, and each gets twice that again for a machine busy with other gradings.
 *
 * @param runs    how many gradings of the reference the limits were measured over
 * @param machine the machine they were measured on, as the command describes it
 * @param tests   each test ({@code Class.method}, as reports name it) and its limit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"runs", "factor", "wait_factor", "floor_ms", "machine", "tests"})
public record CalibratedLimits(
        @JsonProperty("runs") int runs,
        @JsonProperty("factor") int factor,
        @JsonProperty("wait_factor") Integer waitFactor,
        @JsonProperty("floor_ms") long floorMillis,
        @JsonProperty("machine") String machine,
        @JsonProperty("tests") Map<String, TestLimit> tests) {

    /** How many times the reference's running time a test may take. */
    public static final int FACTOR = 20;
    /** How many times the reference's waiting time a test may take. */
    public static final int WAIT_FACTOR = 2;
    /** The least any limit is: room for a fresh JVM's class loading, and for the stall watch (0.5 s) to finish. */
    public static final long FLOOR_MILLIS = 1_000;
    /** The file beside {@code exercise.json}, in the solution folder and in its test-jar. */
    public static final String FILE_NAME = "limits.json";

    /** No calibration: every test has only its ceiling. */
    public static final CalibratedLimits NONE = new CalibratedLimits(0, FACTOR, WAIT_FACTOR, FLOOR_MILLIS, null, Map.of());

    /**
     * @param referenceMaxMillis  the slowest run of this test in the reference's calibration
     * @param referenceBusyMillis the most of a run of it that something of the test was running, not waiting
     * @param limitMillis         the most a run of it may take
     */
    @JsonPropertyOrder({"reference_max_ms", "reference_busy_ms", "limit_ms"})
    public record TestLimit(@JsonProperty("reference_max_ms") long referenceMaxMillis, @JsonProperty("reference_busy_ms") Long referenceBusyMillis,
                            @JsonProperty("limit_ms") long limitMillis) {

        public TestLimit {
            // a limits.json from before running and waiting were told apart counts every run as running
            referenceBusyMillis = referenceBusyMillis == null ? referenceMaxMillis : Math.min(referenceBusyMillis, referenceMaxMillis);
        }

        /** What a timeout's message says of the limit: the reference's figures and how the limit follows from them. */
        public String explained() {
            if (referenceBusyMillis >= referenceMaxMillis) {
                return String.format("the reference solution needs at most %s for it, and the limit allows %d times that (at least %s).",
                        duration(referenceMaxMillis), FACTOR, duration(FLOOR_MILLIS));
            }
            return String.format("the reference solution needs at most %s for it, %s of it running and the rest waiting, and the limit"
                            + " allows %d times the running and %d times the waiting (at least %s).", duration(referenceMaxMillis),
                    duration(referenceBusyMillis), FACTOR, WAIT_FACTOR, duration(FLOOR_MILLIS));
        }

    }

    /** A duration as a student reads it: {@code 40 ms}, {@code 1.5 s}. */
    public static String duration(long millis) {
        return millis < 1_000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    public CalibratedLimits {
        waitFactor = waitFactor == null ? WAIT_FACTOR : waitFactor; // a limits.json from before running and waiting were told apart
        // in name order, so that limits.json reads (and diffs) well; unmodifiable, like every record passed along
        tests = Collections.unmodifiableSortedMap(tests == null ? new TreeMap<>() : new TreeMap<>(tests));
    }

    public Optional<TestLimit> of(String testName) {
        return Optional.ofNullable(tests.get(testName));
    }

    /**
     * The limit for a test whose slowest reference run took {@code referenceMaxMillis}, of which at most
     * {@code referenceBusyMillis} running: {@value #FACTOR} times the running and {@value #WAIT_FACTOR} times the rest,
     * at least {@value #FLOOR_MILLIS} ms, at most {@code ceilingMillis}, rounded up to a tenth of a second.
     */
    public static long limitFor(long referenceMaxMillis, long referenceBusyMillis, long ceilingMillis) {
        long busy = Math.min(referenceBusyMillis, referenceMaxMillis);
        long limit = Math.max(FLOOR_MILLIS, busy * FACTOR + (referenceMaxMillis - busy) * WAIT_FACTOR);
        long rounded = (limit + 99) / 100 * 100;
        return Math.min(rounded, ceilingMillis);
    }

    /** Limits measured over {@code runs} gradings, from each test's slowest run and its busiest. */
    public static CalibratedLimits measured(int runs, String machine, Map<String, Long> slowestRunMillis, Map<String, Long> busiestRunMillis,
                                            long ceilingMillis) {
        Map<String, TestLimit> tests = new TreeMap<>();
        slowestRunMillis.forEach((test, slowest) -> {
            long busiest = Math.min(busiestRunMillis.getOrDefault(test, slowest), slowest);
            tests.put(test, new TestLimit(slowest, busiest, limitFor(slowest, busiest, ceilingMillis)));
        });
        return new CalibratedLimits(runs, FACTOR, WAIT_FACTOR, FLOOR_MILLIS, machine, tests);
    }
}
