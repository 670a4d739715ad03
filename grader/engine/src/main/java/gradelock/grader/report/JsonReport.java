package gradelock.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gradelock.grader.model.GradingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writes the result document of {@code --json} when grading has finished. */
public final class JsonReport extends ReportFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public JsonReport(Path file) {
        super(file);
    }

    @Override
    String render(GradingResult result) {
        return toJson(result) + System.lineSeparator();
    }

    public static String toJson(GradingResult result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GradingResult parse(String json) throws IOException {
        return JSON.readValue(json, GradingResult.class);
    }
}
