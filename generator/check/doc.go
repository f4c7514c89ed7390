// Package check finds what is unsafe in existing container files, with the
// knowledge dockergen's generator uses, and tells how to fix it. It is also
// the generator's referee: nothing dockergen generates may have a finding at
// or above Low (the only Info advice it can carry is DG103 when a spec gives
// no digests).
//
// Rules are data (see Rules and Lookup): each has a stable DG ID, a summary,
// why it matters, how to fix it, a severity and its equivalents in hadolint,
// Trivy and the CIS Docker Benchmark.
//
//   - Dockerfiles are parsed with BuildKit's parser and instruction types; a
//     RUN's shell is parsed with mvdan.cc/sh, from the Dockerfile's own
//     lines so that findings point at the command's line and column.
//   - Compose files are loaded with compose-go and walked as YAML nodes for
//     positions.
//   - Seccomp profiles are decoded with moby's types and loaded with the
//     engine's own loader; the dangerous syscalls are profiles/base.yaml's
//     denied list.
//
// Rules about what ships (user, health check, setuid bits, package caches,
// shell-form CMD, EXPOSE 22) look only at the final stage and the stages it
// builds FROM; rules about how the build is done (secrets, downloads, TLS,
// sudo, base image pinning) look at every stage. Findings that concern a
// whole stage are reported at its FROM line.
//
// A Dockerfile instruction, or a compose service or key, can carry an
// exception in the comment lines directly above it:
//
//	# dockergen:ignore=DG146,DG148 health is probed by Kubernetes; distroless-like image built elsewhere
//
// The reason is required; an ignore without one, or naming an unknown rule,
// is itself a finding (DG001) and is not applied.
package check
