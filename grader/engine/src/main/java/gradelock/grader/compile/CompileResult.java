package gradelock.grader.compile;

import java.util.List;

/** What compiling a submission gave: its classes, or the errors that stopped it. */
public sealed interface CompileResult {

    record Compiled(CompiledSubmission submission) implements CompileResult {
    }

    record Failed(List<CompileDiagnostic> errors) implements CompileResult {
        public Failed {
            errors = List.copyOf(errors);
        }

        /** The first few errors, one per line, as a student would read them. */
        public String summary() {
            int shown = Math.min(errors.size(), 5);
            StringBuilder text = new StringBuilder(errors.size() == 1 ? "It does not compile:" : "It does not compile (" + errors.size() + " errors):");
            errors.subList(0, shown).forEach(error -> text.append("\n  ").append(error));
            if (shown < errors.size()) {
                text.append("\n  ... and ").append(errors.size() - shown).append(" more");
            }
            return text.toString();
        }
    }
}
