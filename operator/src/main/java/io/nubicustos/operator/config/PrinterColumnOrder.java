package io.nubicustos.operator.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;

/**
 * Runs on each generated CRD ({@code quarkus.operator-sdk.crd.post-processor}). The generator
 * sorts printer columns by JSON path; kubectl shows them in CRD order, so this restores the order
 * in which the kind's class declares them (Tool, Provider, Phase ... Age).
 *
 * <p>It also adds the ArgoCD annotations every CRD carries ({@link #ARGOCD_ANNOTATIONS}): sync wave
 * -1, so that a sync applies the CRDs before the operator (wave 0) and before any custom resource;
 * and neither prune nor delete, so that, as with Helm's {@code crds/}, removing the CRDs from Git or
 * deleting the Application never deletes every ScanJob, CloudCredential and NetworkSegment with them.
 */
public class PrinterColumnOrder implements CRDPostProcessor {

    public static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave";
    public static final String SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
    /** What every generated CRD is annotated with, for ArgoCD (Helm and kubectl ignore them). */
    public static final Map<String, String> ARGOCD_ANNOTATIONS = Map.of(
            SYNC_WAVE, "-1",
            SYNC_OPTIONS, "Prune=false,Delete=false");

    private static final Map<String, Class<?>> KINDS = Map.of(
            "ScanJob", ScanJob.class,
            "CloudCredential", CloudCredential.class,
            "NetworkSegment", NetworkSegment.class);

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (!(crd instanceof CustomResourceDefinition definition)) {
            return crd;
        }
        Class<?> kind = KINDS.get(definition.getSpec().getNames().getKind());
        if (kind == null) {
            return crd;
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (definition.getMetadata().getAnnotations() != null) {
            annotations.putAll(definition.getMetadata().getAnnotations());
        }
        // Sorted, so that the generated file is the same from one build to the next.
        ARGOCD_ANNOTATIONS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> annotations.put(e.getKey(), e.getValue()));
        definition.getMetadata().setAnnotations(annotations);
        List<String> declared = new ArrayList<>();
        for (AdditionalPrinterColumn column : kind.getAnnotationsByType(AdditionalPrinterColumn.class)) {
            declared.add(column.name());
        }
        for (var version : definition.getSpec().getVersions()) {
            List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
            if (columns != null) {
                columns.sort(Comparator.comparingInt(c -> rank(declared, c.getName())));
            }
        }
        return crd;
    }

    private static int rank(List<String> declared, String name) {
        int i = declared.indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
