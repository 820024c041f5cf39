/** CloudCredential: how scans authenticate to a cloud account or another cluster, validated without copying a secret. */
package io.nubicustos.api.v1alpha1.cloudcredential;
