package gradelock.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import gradelock.cli.Gradelock;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodFailurePolicyRule;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest in deploy/kubernetes, checked against Kubernetes' API as the official Kubernetes Java client models
 * it (generated from Kubernetes' OpenAPI specification, they refuse a field the API does not have, a missing
 * required field and a value of the wrong type), then for what the grader needs of it: the grading Job's shard
 * count, its failure policy and the image's user.
 */
class KubernetesManifestsTests {

    private static final Path MANIFESTS = Path.of("kubernetes").toAbsolutePath();
    private static final Path DOCKERFILE = Path.of("docker/Dockerfile").toAbsolutePath();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A kind the manifests may use: its apiVersion, and the model that parses and validates it. */
    private record Kind(String apiVersion, ModelParser parser) {}

    @FunctionalInterface
    private interface ModelParser {
        Object parse(String json) throws IOException;
    }

    private static final Map<String, Kind> KINDS = Map.of(
            "Job", new Kind("batch/v1", V1Job::fromJson),
            "PersistentVolumeClaim", new Kind("v1", V1PersistentVolumeClaim::fromJson),
            "Pod", new Kind("v1", V1Pod::fromJson),
            "NetworkPolicy", new Kind("networking.k8s.io/v1", V1NetworkPolicy::fromJson));

    static Stream<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            List<Path> yaml = files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).as("the manifests in %s", MANIFESTS).isNotEmpty();
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void everyManifestIsValidForKubernetesApi(Path manifest) throws IOException {
        for (JsonNode document : documents(Files.readString(manifest))) {
            validate(document, manifest.getFileName().toString());
        }
    }

    @Test
    void aMisspeltFieldIsRefused() throws IOException {
        ObjectNode job = gradeJobDocument();
        ObjectNode spec = (ObjectNode) job.get("spec");
        spec.set("completion", spec.remove("completions"));

        assertThatThrownBy(() -> validate(job, "grade-job.yaml with completions misspelt"))
                .as("the grading Job with spec.completion for spec.completions").hasMessageContaining("completion");
    }

    @Test
    void aMisspeltFieldDeepInThePodTemplateIsRefused() throws IOException {
        ObjectNode job = gradeJobDocument();
        ObjectNode container = (ObjectNode) job.at("/spec/template/spec/containers/0");
        container.set("imagePullPolicyy", container.remove("imagePullPolicy"));

        assertThatThrownBy(() -> validate(job, "grade-job.yaml with imagePullPolicy misspelt"))
                .as("the grading Job with a container's imagePullPolicyy").hasMessageContaining("imagePullPolicyy");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() throws IOException {
        ObjectNode job = gradeJobDocument();
        ((ObjectNode) job.get("spec")).put("parallelism", "eight");

        assertThatThrownBy(() -> validate(job, "grade-job.yaml with parallelism: eight"))
                .as("the grading Job with a string for spec.parallelism").isInstanceOf(AssertionError.class);
    }

    @Test
    void theGradingJobHasOneShardPerCompletionAndNoRetryForAUsageError() throws IOException {
        V1Job job = V1Job.fromJson(JSON.writeValueAsString(gradeJobDocument()));
        var spec = job.getSpec();
        V1PodSpec pod = spec.getTemplate().getSpec();
        V1Container grade = onlyContainer(pod, "grade-job.yaml");

        assertThat(spec.getCompletionMode()).as("the grading Job's completionMode").isEqualTo("Indexed");
        assertThat(env(grade, "GRADELOCK_SHARDS")).as("GRADELOCK_SHARDS, the shard count batch is told, against completions")
                .isEqualTo(String.valueOf(spec.getCompletions()));
        assertThat(spec.getParallelism()).as("parallelism, at most one pod per shard").isBetween(1, spec.getCompletions());
        assertThat(grade.getArgs()).as("the grading container's arguments")
                .startsWith("batch").contains("--out", "/data/results/shard-$(JOB_COMPLETION_INDEX)");
        assertThat(pod.getRestartPolicy()).as("restartPolicy, which a podFailurePolicy requires").isEqualTo("Never");

        List<V1PodFailurePolicyRule> rules = spec.getPodFailurePolicy().getRules();
        assertThat(rules).as("the grading Job's podFailurePolicy: a usage error fails the shard without a retry")
                .anySatisfy(rule -> {
                    assertThat(rule.getAction()).isEqualTo("FailIndex");
                    assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
                    assertThat(rule.getOnExitCodes().getValues()).containsExactly(Gradelock.EXIT_USAGE);
                    assertThat(rule.getOnExitCodes().getContainerName()).isEqualTo(grade.getName());
                });
        assertThat(rules).as("the grading Job's podFailurePolicy: a disruption is not counted as a try")
                .anySatisfy(rule -> {
                    assertThat(rule.getAction()).isEqualTo("Ignore");
                    assertThat(rule.getOnPodConditions()).anySatisfy(condition -> assertThat(condition.getType()).isEqualTo("DisruptionTarget"));
                });
    }

    @Test
    void theMergeJobMergesEveryShardFolderTheGradingJobWrites() throws IOException {
        V1Job merge = V1Job.fromJson(JSON.writeValueAsString(documents(Files.readString(MANIFESTS.resolve("merge-job.yaml"))).getFirst()));
        V1Container container = onlyContainer(merge.getSpec().getTemplate().getSpec(), "merge-job.yaml");

        assertThat(String.join(" ", container.getArgs())).as("the merge Job's command")
                .contains("gradelock merge /data/results/shard-* --out /data/results/class");
    }

    @Test
    void everyPodRunsAsTheImagesUserWithoutRootAndMountsTheClassesVolume() throws IOException {
        Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(Files.readString(DOCKERFILE));
        assertThat(user.find()).as("a USER uid:gid line in %s", DOCKERFILE).isTrue();
        long imageUser = Long.parseLong(user.group(1));
        String claim = V1PersistentVolumeClaim.fromJson(JSON.writeValueAsString(
                documents(Files.readString(MANIFESTS.resolve("storage.yaml"))).getFirst())).getMetadata().getName();

        List<V1PodSpec> pods = new ArrayList<>();
        for (String jobFile : List.of("grade-job.yaml", "merge-job.yaml")) {
            pods.add(V1Job.fromJson(JSON.writeValueAsString(documents(Files.readString(MANIFESTS.resolve(jobFile))).getFirst()))
                    .getSpec().getTemplate().getSpec());
        }
        pods.add(V1Pod.fromJson(JSON.writeValueAsString(documents(Files.readString(MANIFESTS.resolve("upload-pod.yaml"))).getFirst())).getSpec());
        for (V1PodSpec pod : pods) {
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("runAsNonRoot of a pod").isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as("runAsUser of a pod, against the image's USER").isEqualTo(imageUser);
            assertThat(pod.getVolumes()).as("the volumes of a pod").map(V1Volume::getPersistentVolumeClaim).filteredOn(Objects::nonNull)
                    .anySatisfy(volume -> assertThat(volume.getClaimName()).isEqualTo(claim));
            for (V1Container container : pod.getContainers()) {
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                        .as("allowPrivilegeEscalation of container %s", container.getName()).isFalse();
            }
        }
    }

    /** Fails, naming the manifest and what Kubernetes' model refused, unless {@code document} is a valid object of a known kind. */
    private static void validate(JsonNode document, String where) {
        String kind = document.path("kind").asText();
        assertThat(KINDS).as("the kinds these tests validate (%s has kind '%s'; add its model to KINDS)", where, kind).containsKey(kind);
        assertThat(document.path("apiVersion").asText()).as("apiVersion of the %s in %s", kind, where).isEqualTo(KINDS.get(kind).apiVersion());
        try {
            KINDS.get(kind).parser().parse(JSON.writeValueAsString(document));
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("expected " + where + " to be a valid " + kind + " for Kubernetes' API, but it was refused: " + e.getMessage(), e);
        }
    }

    private static ObjectNode gradeJobDocument() throws IOException {
        return (ObjectNode) documents(Files.readString(MANIFESTS.resolve("grade-job.yaml"))).getFirst();
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            });
        }
        return documents;
    }

    private static V1Container onlyContainer(V1PodSpec pod, String where) {
        assertThat(pod.getContainers()).as("the containers of %s", where).hasSize(1);
        return pod.getContainers().getFirst();
    }

    private static String env(V1Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).map(V1EnvVar::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("expected the variable " + name + " in container " + container.getName()));
    }
}
