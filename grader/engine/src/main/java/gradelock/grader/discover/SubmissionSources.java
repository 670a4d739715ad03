package gradelock.grader.discover;

import java.nio.file.Path;
import java.util.List;

/**
 * The source files of one exercise found in a submission.
 *
 * @param root  what paths in reports are relative to: the folder the student handed in
 * @param files the exercise package's {@code .java} files, test sources excluded
 */
public record SubmissionSources(String exerciseId, Path root, List<Path> files) {

    public SubmissionSources {
        files = List.copyOf(files);
    }

    public String relativeName(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
