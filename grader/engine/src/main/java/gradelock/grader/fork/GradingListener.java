package gradelock.grader.fork;

import gradelock.grader.execute.ForkMessage;
import gradelock.grader.model.CalibratedLimits;
import gradelock.grader.model.Verdict;
import gradelock.testkit.Deadline;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Streams each run's verdict to the grader the moment it ends, hands each run to the watchdog, and
 * stops this JVM from running anything more once it may hold stuck threads.
 */
final class GradingListener implements TestExecutionListener {

    private final ResultChannel channel;
    private final Watchdog watchdog;
    private final FailureClassifier classifier;
    private final Set<String> plannedMethods;
    private final long defaultLimitMillis;
    private final Set<String> startedMethods = ConcurrentHashMap.newKeySet();
    private final Set<String> methodsWithRuns = ConcurrentHashMap.newKeySet();
    private final OutputLimit output;
    private final Optional<LeakCheck> leaks;
    private final Map<String, CalibratedLimits.TestLimit> calibratedLimits;
    private volatile TestPlan plan;
    private volatile TestRun currentRun;

    GradingListener(ResultChannel channel, Watchdog watchdog, FailureClassifier classifier, Set<String> plannedMethods, long defaultLimitMillis,
                    OutputLimit output, Optional<LeakCheck> leaks, Map<String, CalibratedLimits.TestLimit> calibratedLimits) {
        this.output = output;
        this.calibratedLimits = calibratedLimits;
        this.leaks = leaks;
        this.channel = channel;
        this.watchdog = watchdog;
        this.classifier = classifier;
        this.plannedMethods = plannedMethods;
        this.defaultLimitMillis = defaultLimitMillis;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        String id = identifier.getUniqueId();
        long limitMillis = limitMillis(identifier);
        if (plannedMethods.contains(id)) {
            startedMethods.add(id);
            channel.send(new ForkMessage.TestStarted(id, limitMillis));
        }
        if (identifier.isTest()) {
            output.startTest();
            leaks.ifPresent(LeakCheck::before);
            TestRun run = TestRun.begin(methodIdOf(identifier), limitMillis, calibratedLimit(identifier));
            tellTheTestItsLimit(run);
            currentRun = run;
            watchdog.watch(run);
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        String id = identifier.getUniqueId();
        if (identifier.isTest()) {
            TestRun run = currentRun;
            watchdog.stopWatching();
            if (run == null || !run.decide()) {
                haltHere(); // the watchdog already gave this run its verdict and the grader is ending this JVM
            }
            reportRun(run, result);
        }
        if (plannedMethods.contains(id)) {
            if (!identifier.isTest() && result.getStatus() == TestExecutionResult.Status.FAILED && !methodsWithRuns.contains(id)) {
                // a container of repetitions that failed before any repetition ran
                FailureClassifier.Classified classified = classify(result);
                channel.send(new ForkMessage.RunFinished(id, classified.verdict(), classified.message(), 0, classified.locations()));
            }
            channel.send(new ForkMessage.TestFinished(id));
        } else if (identifier.isContainer() && result.getStatus() == TestExecutionResult.Status.FAILED) {
            failUnstartedMethodsBelow(identifier, result);
        }
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        for (String methodId : plannedMethodsAtOrBelow(identifier)) {
            channel.send(new ForkMessage.RunFinished(methodId, Verdict.NOT_RUN, "Skipped: " + reason, 0, List.of()));
            channel.send(new ForkMessage.TestFinished(methodId));
        }
    }

    private void reportRun(TestRun run, TestExecutionResult result) {
        long millis = run.elapsedMillis();
        methodsWithRuns.add(run.methodId());
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                Optional<String> leaked = leaks.flatMap(LeakCheck::after);
                if (leaked.isPresent()) {
                    // what was left running may disturb the tests after this one: they run in a fresh JVM
                    channel.sendTaintingVerdict(new ForkMessage.RunFinished(run.methodId(), Verdict.LEAKED, leaked.get(), millis, List.of()));
                    haltHere();
                }
                channel.send(new ForkMessage.RunFinished(run.methodId(), Verdict.PASSED, null, millis, List.of(), List.of(), run.busyMillis()));
            }
            case ABORTED -> channel.send(new ForkMessage.RunFinished(run.methodId(), Verdict.NOT_RUN,
                    "Aborted: " + result.getThrowable().map(FailureClassifier::messageOf).orElse("an assumption did not hold"), millis, List.of()));
            case FAILED -> {
                FailureClassifier.Classified classified = classify(result);
                String message = output.cutThisTest() ? classified.message() + "\n" + output.note() : classified.message();
                ForkMessage.RunFinished finished = new ForkMessage.RunFinished(run.methodId(), classified.verdict(), message,
                        millis, classified.locations());
                if (classified.verdict().taintsJvm()) {
                    channel.sendTaintingVerdict(finished);
                    haltHere();
                }
                channel.send(finished);
            }
        }
    }

    /**
     * The test's own waits for the submission ({@link Deadline}) end at its calibrated limit, so that it fails there
     * with its own sentence; without a limit they keep the test's usual length.
     */
    private static void tellTheTestItsLimit(TestRun run) {
        run.calibrated().ifPresentOrElse(
                limit -> System.setProperty(Deadline.LIMIT_PROPERTY, Long.toString(limit.limitMillis())),
                () -> System.clearProperty(Deadline.LIMIT_PROPERTY));
    }

    private FailureClassifier.Classified classify(TestExecutionResult failed) {
        return classifier.classify(failed.getThrowable().orElseGet(() -> new AssertionError("failed")));
    }

    private void failUnstartedMethodsBelow(TestIdentifier container, TestExecutionResult result) {
        String reason = result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + FailureClassifier.messageOf(t)).orElse("unknown");
        for (String methodId : plannedMethodsAtOrBelow(container)) {
            if (startedMethods.add(methodId)) {
                channel.send(new ForkMessage.RunFinished(methodId, Verdict.ERROR,
                        "The test class could not be set up, so this test did not run (" + reason + ").", 0, List.of()));
                channel.send(new ForkMessage.TestFinished(methodId));
            }
        }
    }

    private List<String> plannedMethodsAtOrBelow(TestIdentifier identifier) {
        if (plannedMethods.contains(identifier.getUniqueId())) {
            return List.of(identifier.getUniqueId());
        }
        TestPlan testPlan = plan;
        if (testPlan == null) {
            return List.of();
        }
        return testPlan.getDescendants(identifier).stream().map(TestIdentifier::getUniqueId).filter(plannedMethods::contains).toList();
    }

    private String methodIdOf(TestIdentifier identifier) {
        if (plannedMethods.contains(identifier.getUniqueId())) {
            return identifier.getUniqueId();
        }
        TestPlan testPlan = plan;
        Optional<TestIdentifier> parent = testPlan == null ? Optional.empty() : testPlan.getParent(identifier);
        while (parent.isPresent()) {
            if (plannedMethods.contains(parent.get().getUniqueId())) {
                return parent.get().getUniqueId();
            }
            parent = testPlan.getParent(parent.get());
        }
        return identifier.getUniqueId();
    }

    private Optional<CalibratedLimits.TestLimit> calibratedLimit(TestIdentifier identifier) {
        return identifier.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .flatMap(source -> Optional.ofNullable(calibratedLimits.get(ForkMain.testName(source))));
    }

    private long limitMillis(TestIdentifier identifier) {
        return identifier.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .flatMap(GradingListener::declaredTimeout).orElse(defaultLimitMillis);
    }

    /** The {@code @Timeout} on the test method, or on its class or an enclosing class. */
    private static Optional<Long> declaredTimeout(MethodSource source) {
        try {
            Method method = source.getJavaMethod();
            Optional<Long> limit = timeoutOf(method);
            for (Class<?> type = method.getDeclaringClass(); limit.isEmpty() && type != null; type = type.getEnclosingClass()) {
                limit = timeoutOf(type);
            }
            return limit;
        } catch (RuntimeException | LinkageError unresolvable) {
            return Optional.empty();
        }
    }

    private static Optional<Long> timeoutOf(AnnotatedElement element) {
        return Optional.ofNullable(element.getAnnotation(Timeout.class)).map(timeout -> timeout.unit().toMillis(timeout.value()));
    }

    /** Runs nothing more in this JVM: the grader ends it and carries on with a fresh one. */
    private static void haltHere() {
        while (true) {
            LockSupport.park();
        }
    }
}
