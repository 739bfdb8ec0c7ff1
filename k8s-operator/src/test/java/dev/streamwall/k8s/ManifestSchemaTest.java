package dev.streamwall.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every manifest, as each overlay renders it and as the examples stand, is valid against the Flink
 * Kubernetes Operator's CRD schemas (src/test/resources/crds, see SOURCE.md there). The schemas are
 * closed for the test: Kubernetes silently prunes fields a schema does not know, so a misspelt
 * field would otherwise pass here and be lost in the cluster.
 */
class ManifestSchemaTest {

    private static final Map<String, String> CRDS =
            Map.of(
                    "FlinkDeployment", "crds/flinkdeployments.flink.apache.org-v1.yml",
                    "FlinkStateSnapshot", "crds/flinkstatesnapshots.flink.apache.org-v1.yml");

    static JsonSchema schema(String kind) throws IOException {
        try (InputStream in =
                ManifestSchemaTest.class.getClassLoader().getResourceAsStream(CRDS.get(kind))) {
            JsonNode crd = Manifests.YAML.readTree(in);
            JsonNode openApi =
                    crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
            ObjectNode closed = (ObjectNode) close(openApi.deepCopy());
            // apiVersion, kind and metadata are every resource's own, outside the CRD's schema.
            closed.remove("additionalProperties");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(closed);
        }
    }

    /** Objects with declared properties accept no others (unless the schema says they may). */
    static JsonNode close(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode o = (ObjectNode) schema;
            if (o.has("properties")
                    && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
                close(it.next());
            }
        } else if (schema.isArray()) {
            schema.forEach(ManifestSchemaTest::close);
        }
        return schema;
    }

    static List<String> problems(List<ObjectNode> docs) throws IOException {
        List<String> problems = new ArrayList<>();
        for (ObjectNode doc : docs) {
            String kind = doc.path("kind").asText();
            String name = kind + "/" + doc.path("metadata").path("name").asText("?");
            if (doc.path("apiVersion").asText().isEmpty()
                    || kind.isEmpty()
                    || doc.path("metadata").path("name").asText().isEmpty()) {
                problems.add(name + ": needs apiVersion, kind and metadata.name");
            }
            if (CRDS.containsKey(kind)) {
                Set<ValidationMessage> errors = schema(kind).validate(doc);
                errors.forEach(e -> problems.add(name + ": " + e.getMessage()));
            }
        }
        return problems;
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void everyRenderedResourceIsValid(String dir) throws IOException {
        List<ObjectNode> docs = Manifests.render(Manifests.ROOT.resolve(dir));
        assertThat(Manifests.ofKind(docs, "FlinkDeployment")).hasSize(3);
        assertThat(problems(docs)).isEmpty();
    }

    @Test
    void theProductionOverlaySetsTheImageOfEveryDeploymentInOnePlace() throws IOException {
        for (ObjectNode d :
                Manifests.ofKind(
                        Manifests.render(Manifests.ROOT.resolve("overlays/production")),
                        "FlinkDeployment")) {
            assertThat(d.path("spec").path("image").asText())
                    .as(d.path("metadata").path("name").asText())
                    .isEqualTo("registry.example.com/streamwall/flink-jobs:0.1.0");
        }
        for (ObjectNode job :
                Manifests.ofKind(
                        Manifests.render(Manifests.ROOT.resolve("overlays/production")), "Job")) {
            assertThat(
                            job.path("spec")
                                    .path("template")
                                    .path("spec")
                                    .path("containers")
                                    .path(0)
                                    .path("image")
                                    .asText())
                    .isEqualTo("registry.example.com/streamwall/flink-jobs:0.1.0");
        }
        for (ObjectNode d :
                Manifests.ofKind(
                        Manifests.render(Manifests.ROOT.resolve("overlays/local")),
                        "FlinkDeployment")) {
            assertThat(d.path("spec").path("image").asText())
                    .isEqualTo("streamwall/flink-jobs:0.1.0");
        }
    }

    /**
     * The JobManagers' Role: what native Kubernetes mode needs (TaskManager pods, HA ConfigMaps),
     * reading its Deployment and services, nothing that creates or changes either; and every Flink
     * pod runs as non-root without capabilities or privilege escalation.
     */
    @Test
    void theFlinkRoleAndPodsHoldNoMoreThanTheyNeed() throws IOException {
        List<ObjectNode> docs = Manifests.render(Manifests.ROOT.resolve("base"));
        ObjectNode role = Manifests.ofKind(docs, "Role").get(0);
        for (JsonNode rule : role.path("rules")) {
            List<String> verbs = new ArrayList<>();
            rule.path("verbs").forEach(v -> verbs.add(v.asText()));
            for (JsonNode resource : rule.path("resources")) {
                switch (resource.asText()) {
                    case "deployments", "services" ->
                            assertThat(verbs)
                                    .as(resource.asText())
                                    .isSubsetOf("get", "list", "watch");
                    case "deployments/finalizers" -> assertThat(verbs).containsExactly("update");
                    case "pods", "configmaps" -> assertThat(verbs).doesNotContain("*");
                    default -> throw new AssertionError("unexpected resource " + resource);
                }
            }
        }
        for (ObjectNode d : Manifests.ofKind(docs, "FlinkDeployment")) {
            JsonNode pod = d.path("spec").path("podTemplate").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            JsonNode container = pod.path("containers").path(0).path("securityContext");
            assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(container.path("capabilities").path("drop").toString()).contains("ALL");
            assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        }
    }

    /**
     * With a read-only root filesystem, every place Flink writes is a volume in every overlay
     * (temporary files, logs, and the local overlay's checkpoint volume), each mount has its
     * volume, the pods stay non-root, and nothing copies plugins at start.
     */
    @Test
    void everyOverlayGivesFlinkTheWritablePathsItNeeds() throws IOException {
        for (String dir : List.of("base", "overlays/local", "overlays/production")) {
            for (ObjectNode d :
                    Manifests.ofKind(
                            Manifests.render(Manifests.ROOT.resolve(dir)), "FlinkDeployment")) {
                JsonNode pod = d.path("spec").path("podTemplate").path("spec");
                JsonNode container = pod.path("containers").path(0);
                List<String> volumes = new ArrayList<>();
                pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
                List<String> mounts = new ArrayList<>();
                container
                        .path("volumeMounts")
                        .forEach(
                                m -> {
                                    mounts.add(m.path("mountPath").asText());
                                    assertThat(volumes)
                                            .as(dir + ": volume of " + m)
                                            .contains(m.path("name").asText());
                                });
                assertThat(mounts).as(dir).contains("/tmp", "/opt/flink/log");
                assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean())
                        .as(dir)
                        .isTrue();
                assertThat(container.path("env").toString())
                        .doesNotContain("ENABLE_BUILT_IN_PLUGINS");
                String conf = d.path("spec").path("flinkConfiguration").toString();
                if (conf.contains("s3://")) {
                    assertThat(Files.readString(Manifests.ROOT.resolve("Dockerfile")))
                            .contains("plugins/s3-fs-presto");
                }
                if (conf.contains("file:///flink-data")) {
                    assertThat(mounts).as(dir).contains("/flink-data");
                }
            }
        }
    }

    /**
     * In production the Flink pods' egress names every destination: no rule open to any address, no
     * 0.0.0.0/0, DNS only to the cluster's resolver, HTTPS only to address blocks.
     */
    @Test
    void inProductionFlinkReachesNamedDestinationsOnly() throws IOException {
        List<ObjectNode> docs = Manifests.render(Manifests.ROOT.resolve("overlays/production"));
        ObjectNode policy = Manifests.ofKind(docs, "NetworkPolicy").get(0);
        JsonNode egress = policy.path("spec").path("egress");
        assertThat(egress.size()).isGreaterThanOrEqualTo(5);
        for (JsonNode rule : egress) {
            assertThat(rule.path("to").size()).as("destinations of " + rule).isPositive();
            List<Integer> ports = new ArrayList<>();
            rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
            for (JsonNode to : rule.path("to")) {
                String cidr = to.path("ipBlock").path("cidr").asText("");
                assertThat(cidr).isNotIn("0.0.0.0/0", "::/0");
                if (ports.contains(443) || ports.contains(6443)) {
                    assertThat(cidr).as("HTTPS to an address block: " + rule).isNotEmpty();
                }
                if (ports.contains(53)) {
                    assertThat(to.path("podSelector").path("matchLabels").path("k8s-app").asText())
                            .isEqualTo("kube-dns");
                }
            }
        }
        // The base keeps its catch-all for local clusters; production replaced it.
        JsonNode base =
                Manifests.ofKind(Manifests.render(Manifests.ROOT.resolve("base")), "NetworkPolicy")
                        .get(0)
                        .path("spec")
                        .path("egress");
        assertThat(base.toString()).contains("6443");
        assertThat(egress.toString()).contains("192.0.2.10/32").contains("kube-dns");
    }

    @Test
    void theExamplesAreValid() throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(Manifests.ROOT.resolve("examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                docs.addAll(Manifests.documents(f));
            }
        }
        assertThat(Manifests.ofKind(docs, "FlinkStateSnapshot")).isNotEmpty();
        assertThat(problems(docs)).isEmpty();
    }

    @Test
    void theClosedSchemaCatchesAMisspeltField() throws IOException {
        ObjectNode deployment =
                Manifests.ofKind(
                                Manifests.render(Manifests.ROOT.resolve("base")), "FlinkDeployment")
                        .get(0);
        ((ObjectNode) deployment.with("spec").with("job")).put("upgradMode", "savepoint");
        assertThat(problems(List.of(deployment))).anyMatch(p -> p.contains("upgradMode"));
    }
}
