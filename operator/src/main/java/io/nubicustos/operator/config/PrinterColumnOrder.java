package io.nubicustos.operator.config;

import java.util.ArrayList;
import java.util.Comparator;
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
 */
public class PrinterColumnOrder implements CRDPostProcessor {

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
