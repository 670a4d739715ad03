package gradelock.grader.compile;

import gradelock.grader.discover.SubmissionSources;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a submission in this JVM with the JDK's compiler: Java 21, with line numbers and local variable
 * names kept so that reports can point at the student's lines. Nothing but the JDK is on its class path.
 */
public final class SubmissionCompiler {

    private final JavaCompiler javac;

    public SubmissionCompiler() {
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("this Java runtime has no compiler (javac): run the grader on a JDK 21 or newer, not a JRE");
        }
    }

    public CompileResult compile(SubmissionSources sources, Path classesDir) throws IOException {
        Files.createDirectories(classesDir);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "21", "-g", "-proc:none", "-encoding", "UTF-8", "-nowarn",
                    "-implicit:none", "-d", classesDir.toString(), "--class-path", classesDir.toString());
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources.files());
            boolean ok = javac.getTask(new StringWriter(), files, diagnostics, options, null, units).call();
            if (!ok) {
                return new CompileResult.Failed(errors(diagnostics, sources));
            }
        }
        return new CompileResult.Compiled(new CompiledSubmission(sources.exerciseId(), classesDir, sourceByClass(sources, classesDir)));
    }

    private static List<CompileDiagnostic> errors(DiagnosticCollector<JavaFileObject> diagnostics, SubmissionSources sources) {
        List<CompileDiagnostic> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String file = diagnostic.getSource() == null ? "(submission)" : sources.relativeName(Path.of(diagnostic.getSource().toUri()));
            String message = diagnostic.getMessage(Locale.ROOT).lines().findFirst().orElse("error");
            errors.add(new CompileDiagnostic(file, diagnostic.getLineNumber(), message));
        }
        return errors;
    }

    /** Maps every compiled top-level class to the file it came from, for reports that name source lines. */
    private static Map<String, String> sourceByClass(SubmissionSources sources, Path classesDir) throws IOException {
        Map<String, String> fileBySimpleName = new HashMap<>();
        for (Path file : sources.files()) {
            fileBySimpleName.put(file.getFileName().toString(), sources.relativeName(file));
        }
        Map<String, String> byClass = new HashMap<>();
        try (Stream<Path> classFiles = Files.walk(classesDir)) {
            for (Path classFile : classFiles.filter(p -> p.toString().endsWith(".class")).toList()) {
                String binaryName = classesDir.relativize(classFile).toString().replace('\\', '/').replaceFirst("\\.class$", "").replace('/', '.');
                String topLevel = binaryName.contains("$") ? binaryName.substring(0, binaryName.indexOf('$')) : binaryName;
                String simple = topLevel.substring(topLevel.lastIndexOf('.') + 1);
                byClass.put(binaryName, fileBySimpleName.getOrDefault(simple + ".java", simple + ".java"));
            }
        }
        return byClass;
    }
}
