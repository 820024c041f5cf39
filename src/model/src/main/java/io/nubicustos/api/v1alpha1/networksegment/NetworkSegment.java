package io.nubicustos.api.v1alpha1.networksegment;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Cluster-scoped: a segment spans namespaces. */
@Group("nubicustos.io")
@Version("v1alpha1")
@Plural("networksegments")
@ShortNames({ "segment", "segments", "netseg" })
@Categories("nubicustos")
@ValidationRule(value = NetworkSegmentRules.NOT_SELF_IN_ALLOW_FROM, message = NetworkSegmentRules.NOT_SELF_IN_ALLOW_FROM_MESSAGE)
@AdditionalPrinterColumn(name = "CIDR", jsonPath = ".spec.cidr", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Access", jsonPath = ".spec.externalAccess", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Namespaces", jsonPath = ".status.namespaceCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Policies", jsonPath = ".status.policies", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "Certificates", jsonPath = ".status.certificates", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class NetworkSegment extends CustomResource<NetworkSegmentSpec, NetworkSegmentStatus> {
}
