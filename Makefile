# Nubicustos Operator. `make` lists the targets.
SHELL := /bin/bash
MVN ?= ./mvnw -B
CRD_PLURALS := scanjobs cloudcredentials networksegments
BENCH ?=
# BENCH=scanjob runs ScanJobBench, BENCH=services ServicesStartBench: the first *Bench class whose name starts so.
BENCH_CLASS = $(shell find . -name '*Bench.java' -not -path '*/target/*' -exec basename {} .java \; | grep -i '^$(BENCH)' | head -1)

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: run
run: ## Run everything locally with embedded defaults (CLEAN=1 starts fresh, REPORT=file replays a report)
	@bash config/local/run.sh

.PHONY: test
test: ## Build every module and run all tests; fails when crds/ is stale
	$(MVN) verify

.PHONY: verify
verify: ## Check generated artifacts only (no tests): fails when crds/ or the chart's CRDs are stale
	$(MVN) -DskipTests verify

.PHONY: build
build: ## Build every module without running tests
	$(MVN) -DskipTests -DskipCrdCheck=true install

.PHONY: crds
crds: ## Regenerate crds/ and helm/nubicustos/crds/ from the Java types
	$(MVN) -DskipTests -DskipCrdCheck=true -pl operator -am install
	@for p in $(CRD_PLURALS); do \
	  cp operator/target/kubernetes/$$p.nubicustos.io-v1.yml crds/$$p.nubicustos.io.yaml; \
	  cp operator/target/kubernetes/$$p.nubicustos.io-v1.yml helm/nubicustos/crds/$$p.nubicustos.io.yaml; \
	done
	@echo "crds/ and helm/nubicustos/crds/ regenerated"

.PHONY: bench
bench: ## Run the benchmarks (BENCH=name for one, e.g. BENCH=services); figures go to target/bench/<name>.json
	$(MVN) -Pbench -DskipCrdCheck=true verify $(if $(BENCH),-Dtest='$(BENCH_CLASS)' -Dsurefire.failIfNoSpecifiedTests=false)
	@cat target/bench/*.json

# make image: the commit the images are built from (label org.opencontainers.image.revision), and
# BASE_IMAGE to replace the base image, e.g. tar:///path/to/java17-base.tar (docker save format) where
# no registry is reachable. The tag is the chart's appVersion (image.tag in pom.xml).
IMAGE_REVISION ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
BASE_IMAGE ?=

.PHONY: image
image: ## Build the operator, api and scanner images as OCI tarballs in target/images (Jib, no Docker engine)
	$(MVN) -Pimage -DskipTests -pl operator,src/api,src/scanner -am package \
	  -Dimage.revision=$(IMAGE_REVISION) $(if $(BASE_IMAGE),-Dimage.base=$(BASE_IMAGE))
	@ls -l target/images/*.tar

.PHONY: e2e
e2e: image ## Build the images, then run the k3s end-to-end tests (*E2E; needs a Docker engine, skipped without one)
	$(MVN) -DskipCrdCheck=true verify -Dtest='*E2E' -Dsurefire.failIfNoSpecifiedTests=false

.PHONY: clean
clean: ## Remove build output
	$(MVN) -q clean
	rm -rf target
