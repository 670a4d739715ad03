package gradelock.grader.policy;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import gradelock.grader.compile.CompiledSubmission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a compiled submission against the grading policy before any of its code runs: every call, constructor
 * call, field access and method reference it makes (read with ArchUnit from its class files, with their line
 * numbers), and every native method it declares.
 */
public final class PolicyChecker {

    static {
        // Only the submission's own classes are read; what they call is known by name, and that is all a rule needs.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    private final List<PolicyRule> rules;

    /**
     * A checker of every rule that {@code allowances} (an exercise's {@code policy.allow}) does not lift.
     *
     * @throws IllegalArgumentException for an allowance no rule knows (a typo in exercise.json)
     */
    public PolicyChecker(Set<String> allowances) {
        for (String allowance : allowances) {
            if (!PolicyRule.ALLOWANCES.contains(allowance)) {
                throw new IllegalArgumentException("exercise.json allows '" + allowance + "', which is not an allowance of the"
                        + " grading policy (known: " + String.join(", ", new java.util.TreeSet<>(PolicyRule.ALLOWANCES)) + ")");
            }
        }
        this.rules = PolicyRule.ALL.stream().filter(rule -> rule.allowance().map(a -> !allowances.contains(a)).orElse(true)).toList();
    }

    /** Every use the policy forbids, by file and line; the same use on the same line is listed once. */
    public List<PolicyViolation> check(CompiledSubmission submission) {
        JavaClasses classes = new ClassFileImporter().importPath(submission.classesDir());
        Set<PolicyViolation> violations = new LinkedHashSet<>();
        for (JavaClass javaClass : classes) {
            String file = sourceFile(submission, javaClass);
            for (JavaAccess<?> access : javaClass.getAccessesFromSelf()) {
                String owner = access.getTargetOwner().getName();
                String member = access.getTarget().getName();
                for (PolicyRule rule : rules) {
                    if (rule.forbids(owner, member)) {
                        violations.add(new PolicyViolation(rule, file, access.getLineNumber(), javaClass.getName(), describe(access)));
                    }
                }
            }
            for (JavaCodeUnit method : javaClass.getCodeUnits()) {
                if (method.getModifiers().contains(JavaModifier.NATIVE)) {
                    rules.stream().filter(rule -> rule.id().equals("no-native-code")).findFirst().ifPresent(rule -> violations.add(
                            new PolicyViolation(rule, file, 0, javaClass.getName(), "a native method " + method.getName())));
                }
            }
        }
        List<PolicyViolation> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparing(PolicyViolation::file).thenComparingInt(PolicyViolation::line));
        return sorted;
    }

    private static String sourceFile(CompiledSubmission submission, JavaClass javaClass) {
        String name = javaClass.getName();
        String topLevel = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
        return submission.sourceByClass().getOrDefault(topLevel, topLevel.replace('.', '/') + ".java");
    }

    private static String describe(JavaAccess<?> access) {
        String owner = access.getTargetOwner().getSimpleName();
        if (access instanceof JavaFieldAccess) {
            return owner + "." + access.getTarget().getName();
        }
        String parameters = access.getTarget() instanceof com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget target
                ? target.getRawParameterTypes().stream().map(JavaClass::getSimpleName).collect(Collectors.joining(", "))
                : "";
        return access instanceof JavaConstructorCall
                ? "new " + owner + "(" + parameters + ")"
                : owner + "." + access.getTarget().getName() + "(" + parameters + ")";
    }
}
