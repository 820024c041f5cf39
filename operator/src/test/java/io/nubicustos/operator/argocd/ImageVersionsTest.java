package io.nubicustos.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.operator.crd.RepositoryFiles;

/**
 * One version for everything that names an image: the chart's appVersion, the tag make image gives
 * the three images (root POM), and the scanner image the operator puts into every scan pod. A
 * release that bumps one and forgets another would ship an operator that starts scan pods with a
 * scanner image that does not exist. The same for the one tool image the project builds itself
 * (ScoutSuite's).
 */
class ImageVersionsTest {

    private static final Path ROOT = RepositoryFiles.root();

    @Test
    void theImagesAreTaggedWithTheChartsAppVersion() throws Exception {
        String appVersion = RepositoryFiles.YAML.readTree(ROOT.resolve("helm/nubicustos/Chart.yaml").toFile()).path("appVersion").asText();
        assertThat(appVersion).isNotBlank();
        assertThat(property(ROOT.resolve("pom.xml"), "image.tag")).isEqualTo(appVersion);
    }

    @Test
    void theOperatorStartsScanPodsWithTheScannerImageTheBuildMakes() throws Exception {
        String registry = property(ROOT.resolve("pom.xml"), "image.registry");
        String tag = property(ROOT.resolve("pom.xml"), "image.tag");
        String scanner = property(ROOT.resolve("src/scanner/pom.xml"), "image.name");
        JsonNode config = RepositoryFiles.YAML.readTree(ROOT.resolve("operator/src/main/resources/application.yaml").toFile());

        assertThat(config.at("/nubicustos/scan/scanner-image").asText()).isEqualTo(registry + "/" + scanner + ":" + tag);
    }

    @Test
    void eachModuleNamesItsImageAsTheChartAndTheIssueDo() throws Exception {
        Map<String, String> modules = Map.of("operator", "operator", "src/api", "api", "src/scanner", "scanner");
        for (var module : modules.entrySet()) {
            assertThat(property(ROOT.resolve(module.getKey()).resolve("pom.xml"), "image.name")).as(module.getKey())
                    .isEqualTo(module.getValue());
        }
    }

    @Test
    void theChartDeploysTheImagesTheBuildMakesAtItsAppVersion() throws Exception {
        String registry = property(ROOT.resolve("pom.xml"), "image.registry");
        JsonNode images = RepositoryFiles.YAML.readTree(ROOT.resolve("helm/nubicustos/values.yaml").toFile()).path("images");
        String appVersion = RepositoryFiles.YAML.readTree(ROOT.resolve("helm/nubicustos/Chart.yaml").toFile()).path("appVersion").asText();
        for (String module : new String[] { "operator", "src/api", "src/scanner" }) {
            String name = property(ROOT.resolve(module).resolve("pom.xml"), "image.name");
            assertThat(images.at("/" + name + "/repository").asText()).as(name).isEqualTo(registry + "/" + name);
            // Empty means the chart's appVersion; anything else must be that version spelt out.
            assertThat(images.at("/" + name + "/tag").asText()).as(name).isIn("", appVersion);
        }
    }

    @Test
    void theScoutSuiteImageTheCatalogueNamesIsTheOneTheProjectBuilds() throws Exception {
        // ScoutSuite publishes no image: the catalogue's must be what make image-scoutsuite tags,
        // with the ScoutSuite the Containerfile installs, or ScoutSuite scans end in ImagePullBackOff.
        String containerfile = Files.readString(ROOT.resolve("images/scoutsuite/Containerfile"));
        String version = line(containerfile, "ARG SCOUTSUITE_VERSION=").strip();
        String tagged = line(Files.readString(ROOT.resolve("Makefile")), "SCOUTSUITE_IMAGE ?= ").strip();
        JsonNode config = RepositoryFiles.YAML.readTree(ROOT.resolve("operator/src/main/resources/application.yaml").toFile());

        assertThat(version).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(containerfile).contains("\"scoutsuite==${SCOUTSUITE_VERSION}\"");
        assertThat(tagged.replace("$(SCOUTSUITE_VERSION)", version))
                .isEqualTo(config.at("/nubicustos/scan/tools/scoutsuite/image").asText());
        // The scan pods' user, as the project's own images (root POM image.user).
        assertThat(line(containerfile, "USER ").strip()).isEqualTo(property(ROOT.resolve("pom.xml"), "image.user"));
    }

    /** The rest of the one line of {@code text} that starts with {@code prefix}. */
    private static String line(String text, String prefix) {
        List<String> lines = text.lines().filter(l -> l.startsWith(prefix)).toList();
        assertThat(lines).as("lines starting with \"%s\"", prefix).hasSize(1);
        return lines.get(0).substring(prefix.length());
    }

    /** A property of a POM's own {@code <properties>} (not inherited, not interpolated). */
    private static String property(Path pom, String name) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element properties && properties.getTagName().equals("properties")) {
                var values = properties.getElementsByTagName(name);
                if (values.getLength() > 0) {
                    return values.item(0).getTextContent().strip();
                }
            }
        }
        throw new IOException(pom + " has no property " + name);
    }
}
