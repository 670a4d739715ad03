package gradelock.grader.compile;

import gradelock.grader.model.Listing;
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
            return Listing.firstLines(errors.size() == 1 ? "It does not compile:" : "It does not compile (" + errors.size() + " errors):",
                    errors, 5);
        }
    }
}
