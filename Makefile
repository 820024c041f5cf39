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
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

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

# make fuzz: Jazzer fuzzes one @FuzzTest per JVM, so each of ParserFuzzTest's runs alone, for
# FUZZ_SECONDS; FUZZ=trivy (or prowler, prowler-csv, detect...) runs those whose name starts so.
# A crash is written to src/scanner/src/test/resources/io/nubicustos/scanner/parse/ParserFuzzTestInputs/<test>/:
# fix it and check the file in, and make test replays it. The corpus Jazzer grows stays in
# src/scanner/.cifuzz-corpus/ (not checked in). JAZZER_INSTRUMENT adds Jackson to the coverage
# Jazzer steers by (by default only classes outside jars). With JAZZER_KEEP_GOING=n Jazzer goes on
# after a crash, and its test passes: the new crash files still fail make fuzz.
FUZZ ?=
FUZZ_SECONDS ?= 60
FUZZ_SOURCE := src/scanner/src/test/java/io/nubicustos/scanner/parse/ParserFuzzTest.java
FUZZ_INPUTS := src/scanner/src/test/resources/io/nubicustos/scanner/parse/ParserFuzzTestInputs
FUZZ_TESTS = $(shell sed -n 's/^ *void \([A-Za-z0-9]*\)(byte\[\] input).*/\1/p' $(FUZZ_SOURCE) | grep -i '^$(subst -,,$(FUZZ))')

.PHONY: fuzz
fuzz: ## Fuzz each report parser with Jazzer for FUZZ_SECONDS (60) each, FUZZ=trivy for one; make test replays the crashes
	@test -n "$(FUZZ_TESTS)" || { echo "make fuzz: no fuzz test in $(FUZZ_SOURCE) starts with '$(FUZZ)'" >&2; exit 1; }
	@mkdir -p target && touch target/fuzz.start; failed=""; for t in $(FUZZ_TESTS); do \
	  echo "make fuzz: $$t for $(FUZZ_SECONDS)s"; \
	  JAZZER_FUZZ=1 JAZZER_MAX_DURATION=$(FUZZ_SECONDS)s JAZZER_INSTRUMENT='io.nubicustos.**,com.fasterxml.jackson.**' \
	    $(MVN) -DskipCrdCheck=true -pl src/scanner -am test -Dtest="ParserFuzzTest#$$t" -Dsurefire.failIfNoSpecifiedTests=false \
	    || failed="$$failed $$t"; \
	done; \
	crashes=$$(find $(FUZZ_INPUTS) -name 'crash-*' -newer target/fuzz.start); \
	if [ -n "$$failed$$crashes" ]; then echo "make fuzz: failed:$$failed; new crash inputs:" $$crashes >&2; exit 1; fi

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
	@echo "ScoutSuite's tool image ($(SCOUTSUITE_IMAGE)) is not among them: make image-scoutsuite builds it"

# make image-scoutsuite: ScoutSuite publishes no image, so this builds the one the tool catalogue
# names (operator/src/main/resources/application.yaml) from images/scoutsuite/Containerfile, with
# the first container builder that works here: podman, buildah, or docker with a running daemon
# (CONTAINER_BUILDER=... to choose). PYTHON_IMAGE replaces the Python base, e.g. pinned by digest.
SCOUTSUITE_VERSION := $(shell sed -n 's/^ARG SCOUTSUITE_VERSION=//p' images/scoutsuite/Containerfile)
SCOUTSUITE_IMAGE ?= ghcr.io/nubicustos/scoutsuite:$(SCOUTSUITE_VERSION)
CONTAINER_BUILDER ?=
PYTHON_IMAGE ?=

.PHONY: image-scoutsuite
image-scoutsuite: ## Build ScoutSuite's tool image, which has no official one (podman, buildah or docker)
	@set -e; builder="$(CONTAINER_BUILDER)"; \
	if [ -z "$$builder" ]; then \
	  for b in podman buildah docker; do \
	    if command -v $$b >/dev/null 2>&1 && $$b info >/dev/null 2>&1; then builder=$$b; break; fi; \
	  done; \
	fi; \
	if [ -z "$$builder" ]; then \
	  echo "make image-scoutsuite: no working container builder here (podman, buildah, or docker with a running daemon)." >&2; \
	  echo "Install one, or build images/scoutsuite/Containerfile elsewhere and push it as $(SCOUTSUITE_IMAGE)." >&2; \
	  exit 1; \
	fi; \
	set -x; \
	$$builder build -f images/scoutsuite/Containerfile -t $(SCOUTSUITE_IMAGE) \
	  --label org.opencontainers.image.revision=$(IMAGE_REVISION) \
	  $(if $(PYTHON_IMAGE),--build-arg PYTHON_IMAGE=$(PYTHON_IMAGE)) images/scoutsuite; \
	{ set +x; } 2>/dev/null; \
	echo "built $(SCOUTSUITE_IMAGE): push it where your cluster pulls from ($$builder push $(SCOUTSUITE_IMAGE))"

.PHONY: e2e
e2e: image ## Build the images, then run the k3s end-to-end tests (*E2E; needs a Docker engine, skipped without one)
	$(MVN) -DskipCrdCheck=true verify -Dtest='*E2E' -Dsurefire.failIfNoSpecifiedTests=false

.PHONY: clean
clean: ## Remove build output
	$(MVN) -q clean
	rm -rf target
