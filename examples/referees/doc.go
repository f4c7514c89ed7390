// Package referees holds the referees harness (make referees): Trivy and
// KICS run over every golden and every example, and any finding that is not
// a documented exception (generator/referees.yaml, listed in each
// DOCKER-SECURITY.md) fails it. The test needs both scanners installed, so
// it is behind the build tag referees; .ci/referees.sh installs them and
// runs it.
package referees
