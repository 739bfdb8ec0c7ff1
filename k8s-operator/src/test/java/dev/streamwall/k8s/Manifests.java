package dev.streamwall.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.flipkart.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the manifests under {@code k8s-operator/}: YAML documents, and the overlays rendered the
 * way {@code kubectl apply -k} does for the subset of Kustomize they use (resources, JSON 6902
 * patches by target kind and name, images on the fields named by configurations, namespace).
 */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path ROOT = Path.of(".");

    private Manifests() {}

    /** Every YAML document of a file. */
    static List<ObjectNode> documents(Path file) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it =
                YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject()) {
                    docs.add((ObjectNode) doc);
                }
            }
        }
        return docs;
    }

    /** The resources a kustomization directory produces. */
    static List<ObjectNode> render(Path dir) throws IOException {
        JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            docs.addAll(Files.isDirectory(p) ? render(p) : documents(p));
        }
        for (JsonNode patch : k.path("patches")) {
            JsonNode ops = YAML.readTree(dir.resolve(patch.path("path").asText()).toFile());
            String kind = patch.path("target").path("kind").asText(null);
            String name = patch.path("target").path("name").asText(null);
            for (int i = 0; i < docs.size(); i++) {
                ObjectNode doc = docs.get(i);
                if ((kind == null || kind.equals(doc.path("kind").asText()))
                        && (name == null
                                || name.equals(doc.path("metadata").path("name").asText()))) {
                    docs.set(i, (ObjectNode) JsonPatch.apply(ops, doc));
                }
            }
        }
        // images: kustomize's image transformer, on the fields the kustomization's
        // configurations name (FlinkDeployment's spec.image is not one it knows by itself).
        List<String[]> imageFields = new ArrayList<>();
        for (JsonNode c : k.path("configurations")) {
            for (JsonNode spec : YAML.readTree(dir.resolve(c.asText()).toFile()).path("images")) {
                imageFields.add(
                        new String[] {spec.path("kind").asText(), spec.path("path").asText()});
            }
        }
        for (JsonNode image : k.path("images")) {
            String from = image.path("name").asText();
            for (ObjectNode doc : docs) {
                // Built in: the containers of a Job's pod template.
                if (doc.path("kind").asText().equals("Job")) {
                    for (JsonNode c :
                            doc.path("spec").path("template").path("spec").path("containers")) {
                        String current = c.path("image").asText();
                        int colon = current.lastIndexOf(':');
                        String name = colon < 0 ? current : current.substring(0, colon);
                        String tag = colon < 0 ? "" : current.substring(colon + 1);
                        if (name.equals(from)) {
                            ((ObjectNode) c)
                                    .put(
                                            "image",
                                            image.path("newName").asText(name)
                                                    + ":"
                                                    + image.path("newTag").asText(tag));
                        }
                    }
                }
                for (String[] field : imageFields) {
                    if (!field[0].equals(doc.path("kind").asText())) {
                        continue;
                    }
                    String[] path = field[1].split("/");
                    ObjectNode parent = doc;
                    for (int i = 0; i < path.length - 1 && parent != null; i++) {
                        parent =
                                parent.path(path[i]).isObject()
                                        ? (ObjectNode) parent.get(path[i])
                                        : null;
                    }
                    String leaf = path[path.length - 1];
                    if (parent == null || !parent.hasNonNull(leaf)) {
                        continue;
                    }
                    String current = parent.get(leaf).asText();
                    int colon = current.lastIndexOf(':');
                    String name = colon < 0 ? current : current.substring(0, colon);
                    String tag = colon < 0 ? "" : current.substring(colon + 1);
                    if (name.equals(from)) {
                        parent.put(
                                leaf,
                                image.path("newName").asText(name)
                                        + ":"
                                        + image.path("newTag").asText(tag));
                    }
                }
            }
        }
        if (k.hasNonNull("namespace")) {
            for (ObjectNode doc : docs) {
                doc.with("metadata").put("namespace", k.get("namespace").asText());
            }
        }
        return docs;
    }

    /** The resources of a kind. */
    static List<ObjectNode> ofKind(List<ObjectNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    /**
     * Parses {@code args} with the options of the job whose main class is {@code entryClass}, as
     * its main (JobMain.parse) does: fails with the parser's message when they do not parse.
     */
    static void assertJobAccepts(String entryClass, List<String> args) {
        org.assertj.core.api.Assertions.assertThatCode(
                        () ->
                                dev.streamwall.common.job.JobMain.parse(
                                        (dev.streamwall.common.job.StreamwallJob<?>)
                                                Class.forName(entryClass)
                                                        .getDeclaredConstructor()
                                                        .newInstance(),
                                        args.toArray(String[]::new)))
                .as("%s %s", entryClass, args)
                .doesNotThrowAnyException();
    }
}
