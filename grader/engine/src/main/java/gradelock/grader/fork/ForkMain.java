package gradelock.grader.fork;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import gradelock.grader.execute.ForkMessage;
import gradelock.grader.execute.ForkRequest;
import gradelock.grader.model.Verdict;
import gradelock.testkit.Points;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The entry point of a test JVM. Reads its {@link ForkRequest} from standard input before any test or
 * submission class is loaded, reports to the grader over its own connection, and runs the tests through
 * the JUnit Platform Launcher under the {@link Watchdog}.
 */
public final class ForkMain {

    private ForkMain() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectReader requests = warmedUp(json);
        ForkRequest request = readRequest(requests, System.in);
        System.setIn(InputStream.nullInputStream());
        OutputLimit output = OutputLimit.install();
        try (ResultChannel channel = ResultChannel.connect(Path.of(request.channel()), request.token(), json)) {
            run(request, channel, output);
        } finally {
            // a submission's leftover non-daemon threads must not keep this JVM alive
            Runtime.getRuntime().halt(0);
        }
    }

    /**
     * A test JVM may be started before its tests are known, and wait for them (the grader keeps one ready while
     * another runs): meanwhile it readies JSON for its request and its messages, a good part of its start-up, with
     * nothing but the grader's own classes.
     */
    private static ObjectReader warmedUp(ObjectMapper json) throws Exception {
        ObjectReader requests = json.readerFor(ForkRequest.class);
        json.writeValueAsString(new ForkMessage.Hello("warm-up"));
        json.writeValueAsString(new ForkMessage.RunFinished("warm-up", Verdict.PASSED, null, 0, List.of()));
        return requests;
    }

    private static ForkRequest readRequest(ObjectReader requests, InputStream in) throws Exception {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IllegalStateException("gradelock fork: no request on standard input");
        }
        return requests.readValue(line);
    }

    private static void run(ForkRequest request, ResultChannel channel, OutputLimit output) {
        Launcher launcher = LauncherFactory.create();
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request().selectors(selectors(request));
        if (!request.onlyTests().isEmpty()) {
            Set<String> only = Set.copyOf(request.onlyTests());
            builder.filters((PostDiscoveryFilter) descriptor -> descriptor.getSource()
                    .filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .map(source -> only.contains(testName(source)) ? FilterResult.included("asked for") : FilterResult.excluded("not asked for"))
                    .orElse(FilterResult.included("a container")));
        }
        LauncherDiscoveryRequest discovery = builder
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.timeout.default", request.testTimeoutMillis() + " ms",
                        "junit.jupiter.execution.timeout.mode", "enabled",
                        "junit.jupiter.execution.parallel.enabled", "false",
                        "junit.jupiter.extensions.autodetection.enabled", "false",
                        // pruning reads each failure's stack, which a submission's exception class may make recurse
                        // without end inside JUnit's engine; the grader picks the student's frames itself
                        "junit.platform.stacktrace.pruning.enabled", "false"))
                .build();
        TestPlan plan = launcher.discover(discovery);
        List<ForkMessage.PlannedTest> planned = plannedTests(plan);
        channel.send(new ForkMessage.Plan(planned));

        SubmissionFrames frames = new SubmissionFrames(request.sourceByClass());
        Watchdog watchdog = Watchdog.start(channel, frames, request.stallMillis());
        Set<String> plannedIds = new LinkedHashSet<>();
        planned.forEach(test -> plannedIds.add(test.id()));
        launcher.execute(plan, new GradingListener(channel, watchdog, new FailureClassifier(frames), plannedIds, request.testTimeoutMillis(), output,
                request.checkLeaks() ? Optional.of(new LeakCheck(frames)) : Optional.empty(), request.limits()));
        channel.send(new ForkMessage.Done());
    }

    private static List<DiscoverySelector> selectors(ForkRequest request) {
        if (!request.selectedTests().isEmpty()) {
            return request.selectedTests().stream().<DiscoverySelector>map(DiscoverySelectors::selectUniqueId).toList();
        }
        return request.testClasses().stream().<DiscoverySelector>map(DiscoverySelectors::selectClass).toList();
    }

    /** Every test method of the plan, in the order it runs: plain tests and containers of repetitions alike. */
    private static List<ForkMessage.PlannedTest> plannedTests(TestPlan plan) {
        return plan.getRoots().stream()
                .flatMap(root -> plan.getDescendants(root).stream())
                .filter(identifier -> identifier.getSource().filter(MethodSource.class::isInstance).isPresent())
                .map(ForkMain::plannedTest)
                .toList();
    }

    private static ForkMessage.PlannedTest plannedTest(TestIdentifier identifier) {
        MethodSource source = (MethodSource) identifier.getSource().orElseThrow();
        Optional<Method> method = javaMethod(source);
        int points = method.map(m -> m.getAnnotation(Points.class)).map(Points::value).orElse(1);
        int runs = method.map(m -> m.getAnnotation(RepeatedTest.class)).map(RepeatedTest::value).orElse(1);
        return new ForkMessage.PlannedTest(identifier.getUniqueId(), testName(source), identifier.getDisplayName(), source.getClassName(), points, runs);
    }

    /** {@code BoundedBufferHiddenTests.holdsExactlyCapacityItems}: how reports and expected.json name a test. */
    static String testName(MethodSource source) {
        String className = source.getClassName();
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.') + "." + source.getMethodName();
    }

    private static Optional<Method> javaMethod(MethodSource source) {
        try {
            return Optional.of(source.getJavaMethod());
        } catch (RuntimeException | LinkageError unresolvable) {
            return Optional.empty();
        }
    }
}
