/** ScanJob: one scanner, run once or on a schedule, against one cloud account or cluster. */
package io.nubicustos.api.v1alpha1.scanjob;
