package gradelock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docs stay true to the repository: their demo compiles and their links between pages lead somewhere. */
class DocsTests {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*\\.md)?(#[^)\\s]+)?\\)");

    @Test
    void theSeedComparisonDemoCompiles(@TempDir Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        Boolean compiled = javac.getTask(errors, null, null, List.of("--release", "21", "-d", classes.toString()), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(Course.ROOT.resolve("docs/demo/SeedComparison.java")))
                .call();
        assertThat(compiled).as("docs/demo/SeedComparison.java compiles; javac said:%n%s", errors).isTrue();
    }

    @Test
    void everyLinkToAMarkdownPageOrHeadingInTheRepositoryResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : markdownPages()) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String file = link.group(1);
                String anchor = link.group(2);
                if (file == null && anchor == null || file != null && file.contains("://")) {
                    continue;
                }
                Path target = file == null ? page : page.getParent().resolve(file).normalize();
                if (!Files.isRegularFile(target)) {
                    broken.add(Course.ROOT.relativize(page) + ": no file " + file);
                } else if (anchor != null && !anchors(target).contains(anchor.substring(1))) {
                    broken.add(Course.ROOT.relativize(page) + ": no heading " + anchor + " in " + Course.ROOT.relativize(target));
                }
            }
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    private static List<Path> markdownPages() throws IOException {
        try (Stream<Path> files = Files.walk(Course.ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !isHiddenOrBuilt(Course.ROOT.relativize(p)))
                    .toList();
        }
    }

    private static boolean isHiddenOrBuilt(Path relative) {
        for (Path segment : relative) {
            String name = segment.toString();
            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".") && name.length() > 1) {
                return true;
            }
        }
        return false;
    }

    /** GitHub's anchors: headings lower-cased, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path page) {
        try {
            Set<String> anchors = new HashSet<>();
            for (String line : Files.readAllLines(page)) {
                if (line.startsWith("#")) {
                    String heading = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
                    anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
                }
            }
            return anchors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
