package gradelock.grader.execute;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import gradelock.grader.model.SourceLocation;
import gradelock.grader.model.Verdict;
import gradelock.grader.model.WaitingThread;
import java.util.List;

/** What a test JVM tells the grader, one JSON line each, as things happen. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ForkMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = ForkMessage.Plan.class, name = "plan"),
        @JsonSubTypes.Type(value = ForkMessage.TestStarted.class, name = "test_started"),
        @JsonSubTypes.Type(value = ForkMessage.RunFinished.class, name = "run_finished"),
        @JsonSubTypes.Type(value = ForkMessage.TestFinished.class, name = "test_finished"),
        @JsonSubTypes.Type(value = ForkMessage.Tainted.class, name = "tainted"),
        @JsonSubTypes.Type(value = ForkMessage.Done.class, name = "done")
})
public sealed interface ForkMessage {

    /** First on the connection: the token from the request. */
    record Hello(String token) implements ForkMessage {
    }

    /** The test methods this fork found and will run, in order. */
    record Plan(List<PlannedTest> tests) implements ForkMessage {
        public Plan {
            tests = List.copyOf(tests);
        }
    }

    /**
     * A test method as discovered.
     *
     * @param id           JUnit's unique id of the method (a test, or a container of repetitions)
     * @param name         {@code TestClass.method}, stable across runs
     * @param plannedRuns  how many times it will run (repetitions), 1 for a plain test
     */
    record PlannedTest(String id, String name, String displayName, String className, int points, int plannedRuns) {
    }

    /** A test method began; {@code limitMillis} is the time limit of each of its runs. */
    record TestStarted(String id, long limitMillis) implements ForkMessage {
    }

    /**
     * One run of a test method ended with a verdict.
     *
     * @param waiting    for a deadlock or a stall, the threads involved and what each waits for; otherwise empty
     * @param busyMillis how much of the run something of the test was running rather than waiting, as the watchdog
     *                   saw it; the whole run where it was not watched
     */
    record RunFinished(String id, Verdict verdict, String message, long durationMillis, List<SourceLocation> locations,
                       List<WaitingThread> waiting, long busyMillis) implements ForkMessage {
        public RunFinished {
            locations = List.copyOf(locations);
            waiting = waiting == null ? List.of() : List.copyOf(waiting);
            busyMillis = Math.min(Math.max(busyMillis, 0), durationMillis);
        }

        public RunFinished(String id, Verdict verdict, String message, long durationMillis, List<SourceLocation> locations,
                           List<WaitingThread> waiting) {
            this(id, verdict, message, durationMillis, locations, waiting, durationMillis);
        }

        public RunFinished(String id, Verdict verdict, String message, long durationMillis, List<SourceLocation> locations) {
            this(id, verdict, message, durationMillis, locations, List.of());
        }
    }

    /** Every run of a test method has ended. */
    record TestFinished(String id) implements ForkMessage {
    }

    /** This JVM may hold stuck threads after the last verdict and will run nothing more: end it. */
    record Tainted(String reason) implements ForkMessage {
    }

    /** All selected tests have run. */
    record Done() implements ForkMessage {
    }
}
