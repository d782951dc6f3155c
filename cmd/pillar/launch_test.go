package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The end-to-end tests assert pillar's peak memory, which the kernel
// reports (ru_maxrss) as at least the high-water mark of the process that
// started it: Go starts a child with vfork, and exec records the shared
// address space's peak as the child's. A test process that once held a
// large generated strategy would make every later run look that large.
// So runs are launched through a small launcher, this test binary started
// afresh, which starts pillar, waits for it and writes pillar's own
// resource usage to file descriptor 3.

// launcherEnv, when set, makes the test binary the launcher.
const launcherEnv = "PILLAR_E2E_LAUNCHER"

// launcherMain is the launcher: it runs args with the streams it was
// given, writes "maxrss_kib cpu_ns" to fd 3 and exits with the child's
// exit code.
func launcherMain(args []string) int {
	report := os.NewFile(3, "usage")
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	env := os.Environ()
	for i, kv := range env {
		if strings.HasPrefix(kv, launcherEnv+"=") {
			env = append(env[:i], env[i+1:]...)
			break
		}
	}
	cmd.Env = env
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		fmt.Fprintln(os.Stderr, "launcher:", err)
		return 125
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		fmt.Fprintf(report, "%d %d\n", ru.Maxrss, ru.Utime.Nano()+ru.Stime.Nano())
	}
	report.Close()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return cmd.ProcessState.ExitCode()
}

// launched is what one run of pillar gave.
type launched struct {
	stdout, stderr string
	code           int
	maxRSSKiB      int64
	cpu            time.Duration
	timedOut       bool // killed when ctx ended
}

// launch runs pillar with args in dir and env (the whole environment),
// through the launcher, and kills the launcher and pillar when ctx ends.
func launch(ctx context.Context, dir string, env []string, args ...string) (launched, error) {
	self, err := os.Executable()
	if err != nil {
		return launched{}, err
	}
	usage, w, err := os.Pipe()
	if err != nil {
		return launched{}, err
	}
	defer usage.Close()
	cmd := exec.CommandContext(ctx, self, append([]string{binary}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(env, launcherEnv+"=1")
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Start()
	w.Close()
	if err != nil {
		return launched{}, err
	}
	report, _ := io.ReadAll(usage)
	err = cmd.Wait()
	l := launched{stdout: out.String(), stderr: errb.String(), timedOut: ctx.Err() != nil}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		l.code = ee.ExitCode()
	case l.timedOut:
	default:
		return l, err
	}
	if l.code == 125 && strings.HasPrefix(l.stderr, "launcher:") {
		return l, errors.New(strings.TrimSpace(l.stderr))
	}
	var cpu int64
	if _, err := fmt.Sscan(string(report), &l.maxRSSKiB, &cpu); err != nil && !l.timedOut {
		return l, fmt.Errorf("no resource usage from the launcher (%q)", report)
	}
	l.cpu = time.Duration(cpu)
	return l, nil
}

// TestLaunchMeasuresPillarAlone: a test process that has held 256 MiB
// does not make a small run of pillar look that large.
func TestLaunchMeasuresPillarAlone(t *testing.T) {
	ballast := make([]byte, 256<<20)
	for i := range ballast {
		ballast[i] = byte(i)
	}
	r := pillar(t, nil, "version")
	runtime.KeepAlive(ballast)
	if r.code != 0 {
		t.Fatalf("pillar version: exit %d\n%s", r.code, r.stderr)
	}
	if r.maxRSSKiB == 0 || r.maxRSSKiB > 64<<10 {
		t.Errorf("pillar version peaked at %d KiB: the measure is not pillar's own", r.maxRSSKiB)
	}
}
