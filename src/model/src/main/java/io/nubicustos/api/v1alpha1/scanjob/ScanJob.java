package io.nubicustos.api.v1alpha1.scanjob;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.PrinterColumnFormat;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

@Group("nubicustos.io")
@Version("v1alpha1")
@Plural("scanjobs")
@ShortNames({ "scan", "scans", "sj" })
@Categories("nubicustos")
@AdditionalPrinterColumn(name = "Tool", jsonPath = ".spec.tool", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Provider", jsonPath = ".spec.provider", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last run", jsonPath = ".status.lastRun.completedAt", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Critical", jsonPath = ".status.lastRun.findings.critical", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "High", jsonPath = ".status.lastRun.findings.high", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Next run", jsonPath = ".status.nextRunAt", type = AdditionalPrinterColumn.Type.DATE, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE,
        format = PrinterColumnFormat.NONE)
public class ScanJob extends CustomResource<ScanJobSpec, ScanJobStatus> implements Namespaced {
}
