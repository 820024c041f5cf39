/**
 * Types shared by the three nubicustos.io/v1alpha1 kinds: providers, severities, references,
 * and the CEL rules with the Java equivalents the operator enforces.
 */
package io.nubicustos.api.v1alpha1.common;
