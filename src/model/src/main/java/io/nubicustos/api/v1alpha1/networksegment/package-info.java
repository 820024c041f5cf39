/** NetworkSegment: one isolated environment, rendered into NetworkPolicies and cert-manager Certificates. */
package io.nubicustos.api.v1alpha1.networksegment;
