package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * An exercise as its descriptor ({@code solutions/<id>/exercise.json}) declares it: where a submission's
 * code lives, which tests grade it, and how long they may take: {@code test_timeout_seconds} is the most any test may
 * take, and {@code limits} each test's tighter limit calibrated from the reference ({@code limits.json} beside it).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExerciseSpec(
        @JsonProperty("id") String id,
        @JsonProperty("title") String title,
        @JsonProperty("package") String packageName,
        @JsonProperty("classes") List<String> classes,
        @JsonProperty("public_tests") List<String> publicTests,
        @JsonProperty("hidden_tests") List<String> hiddenTests,
        @JsonProperty("test_timeout_seconds") int testTimeoutSeconds,
        @JsonProperty("budget_seconds") int budgetSeconds,
        @JsonProperty("max_score") int maxScore,
        @JsonProperty("policy") Policy policy,
        @JsonProperty("check_leaks") Boolean checkLeaks,
        @JsonIgnore CalibratedLimits limits) {

    /**
     * What the grading policy allows this exercise beyond the default, as the names of lifted rules' allowances
     * ({@code child-processes}, {@code network}, {@code files}); see {@code gradelock.grader.policy.PolicyRule}.
     */
    public record Policy(@JsonProperty("allow") List<String> allow) {
        public Policy {
            allow = allow == null ? List.of() : List.copyOf(allow);
        }
    }

    public ExerciseSpec {
        classes = List.copyOf(classes);
        publicTests = List.copyOf(publicTests);
        hiddenTests = List.copyOf(hiddenTests);
        policy = policy == null ? new Policy(List.of()) : policy;
        checkLeaks = checkLeaks != null && checkLeaks;
        limits = limits == null ? CalibratedLimits.NONE : limits;
    }

    public ExerciseSpec(String id, String title, String packageName, List<String> classes, List<String> publicTests,
                        List<String> hiddenTests, int testTimeoutSeconds, int budgetSeconds, int maxScore) {
        this(id, title, packageName, classes, publicTests, hiddenTests, testTimeoutSeconds, budgetSeconds, maxScore, null, false, null);
    }

    /** This exercise with each test's limit calibrated from the reference ({@code limits.json}). */
    public ExerciseSpec withLimits(CalibratedLimits calibrated) {
        return new ExerciseSpec(id, title, packageName, classes, publicTests, hiddenTests, testTimeoutSeconds, budgetSeconds, maxScore,
                policy, checkLeaks, calibrated);
    }

    public List<String> testClasses() {
        return java.util.stream.Stream.concat(publicTests.stream(), hiddenTests.stream()).toList();
    }

    public Duration testTimeout() {
        return Duration.ofSeconds(testTimeoutSeconds);
    }

    public Duration budget() {
        return Duration.ofSeconds(budgetSeconds);
    }

    /** Whether the named top-level test class ships to students. */
    public Visibility visibilityOf(String testClassName) {
        String topLevel = testClassName.contains("$") ? testClassName.substring(0, testClassName.indexOf('$')) : testClassName;
        return publicTests.contains(topLevel) ? Visibility.VISIBLE : Visibility.HIDDEN;
    }

    public List<String> qualifiedClassNames() {
        return classes.stream().map(simpleName -> packageName + "." + simpleName).toList();
    }
}
