//go:build linux

package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
)

// openKernelLog opens the kernel log at path, positioned at its end, so
// that Lines returns only what the kernel logs from now on: /dev/kmsg (one
// record a read, non-blocking) or a growing text file such as auditd's
// /var/log/audit/audit.log.
func openKernelLog(path string) (kernelLog, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Mode()&os.ModeCharDevice == 0 {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		if _, err := f.Seek(0, io.SeekEnd); err != nil {
			f.Close()
			return nil, err
		}
		return &fileLog{f: f}, nil
	}
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	if _, err := syscall.Seek(fd, 0, io.SeekEnd); err != nil {
		syscall.Close(fd)
		return nil, &os.PathError{Op: "seek", Path: path, Err: err}
	}
	return &kmsgLog{fd: fd, path: path}, nil
}

// kmsgLog reads /dev/kmsg: each read returns one record,
// "PRIO,SEQ,USEC,FLAGS;MESSAGE\n" (continuation lines after it).
type kmsgLog struct {
	fd      int
	path    string
	overrun bool
}

func (k *kmsgLog) Lines() ([]string, error) {
	var lines []string
	buf := make([]byte, 8192)
	for {
		n, err := syscall.Read(k.fd, buf)
		switch {
		case errors.Is(err, syscall.EAGAIN):
			return lines, nil
		case errors.Is(err, syscall.EPIPE):
			// Records were overwritten before they were read: the ring
			// buffer wrapped. The next read starts at the oldest one left.
			k.overrun = true
			continue
		case errors.Is(err, syscall.EINTR):
			continue
		case err != nil:
			return lines, fmt.Errorf("reading %s: %w", k.path, err)
		case n == 0:
			return lines, nil
		}
		rec, _, _ := strings.Cut(string(buf[:n]), "\n")
		lines = append(lines, rec)
	}
}

func (k *kmsgLog) Overrun() bool { return k.overrun }
func (k *kmsgLog) Close() error  { return syscall.Close(k.fd) }

// fileLog reads the lines appended to a text file since it was opened.
type fileLog struct{ f *os.File }

func (l *fileLog) Lines() ([]string, error) {
	var lines []string
	sc := bufio.NewScanner(l.f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

func (l *fileLog) Overrun() bool { return false }
func (l *fileLog) Close() error  { return l.f.Close() }
