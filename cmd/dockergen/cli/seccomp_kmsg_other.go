//go:build !linux

package cli

import "errors"

// openKernelLog: seccomp's SCMP_ACT_LOG records are Linux kernel log lines.
func openKernelLog(path string) (kernelLog, error) {
	return nil, errors.New("the kernel's seccomp log is read on Linux only")
}
