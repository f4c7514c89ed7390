# dockergen — see README.md. `make test e2e` is what CI runs.
GO      ?= go
DOCKER  ?= /usr/bin/docker
export DOCKER

.PHONY: all build test e2e e2e-projects e2e-report referees bench fuzz examples golden seccomp-measure clean

all: build test

build:
	$(GO) build -o bin/dockergen ./cmd/dockergen

# Unit, golden and CLI tests: no Docker needed.
test:
	$(GO) vet ./...
	$(GO) vet -tags e2e ./examples
	$(GO) vet -tags referees ./examples/referees
	$(GO) test -count=1 ./...

# Every example x base built and run hardened on a real Docker engine, and
# every project of the corpus (generator/testdata/projects) that says
# engine: true taken from 'init --yes' to an answering container. As root
# it installs and starts the engine and builds the local stand-in base images
# first (.ci/docker-up.sh, .ci/standins.sh); writes examples/E2E-REPORT.md.
e2e:
	sh .ci/docker-up.sh
	bash .ci/standins.sh
	E2E_REPORT=$(CURDIR)/examples/E2E-REPORT.md $(GO) test -tags e2e -count=1 -timeout 75m -v ./examples

# Only the corpus' engine projects (TestE2EProjects), without touching the
# report; E2E_ONLY=projects/NAME picks some.
e2e-projects:
	sh .ci/docker-up.sh
	bash .ci/standins.sh
	$(GO) test -tags e2e -count=1 -timeout 45m -v -run '^TestE2EProjects$$' ./examples

# The referees: Trivy (trivy config) and KICS over every golden and example,
# offline; fails on any finding not documented in generator/referees.yaml
# (the list DOCKER-SECURITY.md shows). Installs both first (slow the first
# time: Trivy builds for about 11 minutes).
referees:
	bash .ci/referees.sh

# Benchmarks of generation (ns/op and allocations; see README's Performance).
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./generator

# Each fuzz target for FUZZTIME (go test -fuzz runs one target at a time).
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzLoadSpec$$' -fuzztime $(FUZZTIME) ./generator
	$(GO) test -run '^$$' -fuzz '^FuzzGenerate$$' -fuzztime $(FUZZTIME) ./generator

# Regenerate the committed example outputs after a template change.
examples:
	for s in examples/*/dockergen.yaml; do $(GO) run ./cmd/dockergen generate --force -f $$s || exit 1; done

# Re-measure the seccomp profiles' syscalls (strace on the host and in the
# stand-in containers) and show the diff against profiles/*.yaml; ONLY=go,...
# picks runtimes. See profiles/MEASUREMENTS.md.
seccomp-measure:
	bash profiles/measure.sh

# Rewrite golden files and testscript expectations after an intended change.
golden:
	DOCKERGEN_UPDATE=1 $(GO) test -count=1 ./...

clean:
	rm -rf bin out
