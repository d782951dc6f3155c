package main

// The hostile corpus: every file pillar reads may come from a pull
// request's author, so each case below must end quickly, in little memory,
// with findings (exit 1) or a refusal (exit 2), a bounded amount of output
// and never a crash. Small cases are committed under testdata/hostile; the
// large ones are generated (internal/synth.HostileCases) into a temporary
// folder; links, FIFOs and sockets are made here.

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/internal/synth"
	"github.com/pillar-strategy/pillar/schema"
)

// The bounds every case must keep. CPU time (user + system, from rusage)
// rather than wall time, since the suite shares the machine with other
// packages' tests; a case that blocks is caught by hangAfter.
const (
	maxCPU    = 3 * time.Second
	maxRSSMiB = 200
	maxOutput = 1 << 20
	hangAfter = 60 * time.Second
)

// hostileCase is one folder to validate.
type hostileCase struct {
	name, dir string
	valid     bool // a legitimate strategy: exit 0 is allowed
	special   bool // links, devices, FIFOs and sockets: nothing they lead to may be quoted
}

// guarded is the result of a run under a hang guard.
type guarded struct {
	run
	cpu      time.Duration
	timedOut bool
}

// pillarGuarded runs the binary in dir like pillarAt, but kills it after
// timeout and reports the CPU time it took.
func pillarGuarded(t *testing.T, dir string, timeout time.Duration, args ...string) guarded {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	env := append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "NO_COLOR=1"}, clockEnv()...)
	l, err := launch(ctx, dir, env, args...)
	if err != nil {
		t.Fatalf("run pillar %v: %v", args, err)
	}
	return guarded{run: run{stdout: l.stdout, stderr: l.stderr, code: l.code, maxRSSKiB: l.maxRSSKiB}, cpu: l.cpu, timedOut: l.timedOut}
}

// generated writes the generated cases once for all the tests that use
// them, beside the binary (TestMain removes both).
var generated = sync.OnceValues(func() (string, error) {
	dir := filepath.Join(filepath.Dir(binary), "hostile")
	for _, c := range synth.HostileCases() {
		for name, content := range c.Files {
			p := filepath.Join(dir, c.Name, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return "", err
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				return "", err
			}
		}
	}
	return dir, nil
})

// hostileCases lists every case: committed, generated and, with special,
// those made here.
func hostileCases(t *testing.T, special bool) []hostileCase {
	t.Helper()
	var cases []hostileCase
	committed, err := filepath.Glob(filepath.Join(root, "testdata", "hostile", "*", "strategy.yaml"))
	if err != nil || len(committed) < 15 {
		t.Fatalf("want the committed cases under testdata/hostile, found %d (%v)", len(committed), err)
	}
	for _, c := range committed {
		cases = append(cases, hostileCase{name: filepath.Base(filepath.Dir(c)), dir: filepath.Dir(c)})
	}
	gen, err := generated()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range synth.HostileCases() {
		cases = append(cases, hostileCase{name: c.Name, dir: filepath.Join(gen, c.Name), valid: c.Valid})
	}
	if special {
		cases = append(cases, specialFileCases(t, t.TempDir())...)
	}
	return cases
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skip("symbolic links cannot be made here:", err)
	}
}

// specialFileCases makes the cases that git cannot hold: symbolic link
// loops, links to devices, FIFOs and sockets. Each must be refused at
// once: a FIFO opened for reading would block until something wrote to it.
func specialFileCases(t *testing.T, base string) []hostileCase {
	const head = "version: 1\nbrand: {name: Hostile, timezone: Europe/Oslo}\n"
	var cases []hostileCase
	add := func(name string, files map[string]string, links map[string]string) string {
		dir := filepath.Join(base, name)
		for f, content := range files {
			write(t, filepath.Join(dir, f), content)
		}
		for link, target := range links {
			symlink(t, target, filepath.Join(dir, link))
		}
		os.MkdirAll(dir, 0o755)
		cases = append(cases, hostileCase{name: name, dir: dir, special: true})
		return dir
	}
	add("link-loop", map[string]string{"strategy.yaml": head + "include: [a.yaml]\n"},
		map[string]string{"a.yaml": "b.yaml", "b.yaml": "a.yaml"})
	add("link-to-itself-included", map[string]string{"strategy.yaml": head + "include: [self.yaml]\n"},
		map[string]string{"self.yaml": "strategy.yaml"})
	add("link-folder-loop-extends", map[string]string{"strategy.yaml": head + "extends: loop/loop/loop/loop/loop\n"},
		map[string]string{"loop": "."})
	glob := map[string]string{}
	for i := 0; i < 40; i++ {
		glob[fmt.Sprintf("l%02d", i)] = "."
	}
	add("link-glob-fan-out", map[string]string{"strategy.yaml": head + "include: [\"l*/l*/l*/l*/x.yaml\"]\n", "x.yaml": "x-a: 1\n"}, glob)
	add("link-to-dev-zero-included", map[string]string{"strategy.yaml": head + "include: [zero.yaml]\n"},
		map[string]string{"zero.yaml": "/dev/zero"})
	add("link-to-dev-urandom-extended", map[string]string{"strategy.yaml": head + "extends: random.yaml\n"},
		map[string]string{"random.yaml": "/dev/urandom"})
	add("main-file-is-dev-zero", nil, map[string]string{"strategy.yaml": "/dev/zero"})
	add("main-file-is-a-folder", map[string]string{"strategy.yaml/x": "x\n"}, nil)
	add("link-outside-included", map[string]string{"strategy.yaml": head + "include: [passwd.yaml]\n"},
		map[string]string{"passwd.yaml": "/etc/passwd"})

	sock := add("socket-included", map[string]string{"strategy.yaml": head + "include: [sock.yaml]\n"}, nil)
	if l, err := net.Listen("unix", filepath.Join(sock, "sock.yaml")); err == nil {
		t.Cleanup(func() { l.Close() })
	}

	fifo := func(name, path string, files map[string]string) {
		dir := add(name, files, nil)
		p := filepath.Join(dir, path)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("FIFOs cannot be made here:", err)
		}
	}
	fifo("fifo-main-file", "strategy.yaml", nil)
	fifo("fifo-included", "pipe.yaml", map[string]string{"strategy.yaml": head + "include: [pipe.yaml]\n"})
	fifo("fifo-extended", "parent/strategy.yaml", map[string]string{"strategy.yaml": "extends: parent\n"})
	return cases
}

// panicText is what a crash leaves in the output.
var panicText = []string{"panic:", "goroutine ", "internal error", "runtime error"}

// TestHostileCorpus runs pillar validate --strict (so that warnings count
// as findings) on every case and checks the bounds.
func TestHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the hostile corpus takes a while")
	}
	for _, c := range hostileCases(t, true) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := pillarGuarded(t, c.dir, hangAfter, "validate", "--strict", "--today", "2026-11-23", ".")
			if r.timedOut {
				t.Fatalf("still running after %v", hangAfter)
			}
			checkBounds(t, r, c.valid)
			// A link out of the strategy's folder or a special file is
			// refused: nothing from /etc/passwd or a device is read.
			if c.special && strings.Contains(r.stdout+r.stderr, "root:x:0:") {
				t.Errorf("the output quotes a file outside the strategy:\n%.2000s", r.stdout+r.stderr)
			}
		})
	}
}

func checkBounds(t *testing.T, r guarded, valid bool) {
	t.Helper()
	out := r.stdout + r.stderr
	switch {
	case r.code == 1 || r.code == 2:
	case r.code == 0 && valid:
	default:
		t.Errorf("exit %d, want 1 or 2\n%.2000s", r.code, out)
	}
	for _, p := range panicText {
		if strings.Contains(out, p) {
			t.Fatalf("the output holds %q: a crash?\n%.4000s", p, out)
		}
	}
	if r.cpu > maxCPU {
		t.Errorf("took %v of CPU, want under %v", r.cpu, maxCPU)
	}
	if r.maxRSSKiB > maxRSSMiB<<10 {
		t.Errorf("peak memory %d MiB, want under %d MiB", r.maxRSSKiB>>10, maxRSSMiB)
	}
	if len(out) > maxOutput {
		t.Errorf("%d bytes of output, want under %d", len(out), maxOutput)
	}
}

// TestHostileCorpusEveryFormat runs the cases with the most findings in
// the machine-readable formats: each stays bounded, and the counts it
// gives of the findings it leaves out add up to what the rules found.
func TestHostileCorpusEveryFormat(t *testing.T) {
	if testing.Short() {
		t.Skip("the hostile corpus takes a while")
	}
	want := map[string]bool{"campaign-overlap-3000": true, "many-personas": true, "unknown-reference-suggest": true, "persona-rules-many": true}
	for _, c := range hostileCases(t, false) {
		if !want[c.name] {
			continue
		}
		for _, format := range []string{"json", "sarif", "github"} {
			t.Run(c.name+"/"+format, func(t *testing.T) {
				t.Parallel()
				r := pillarGuarded(t, c.dir, hangAfter, "validate", "--strict", "--format", format, "--today", "2026-11-23", ".")
				checkBounds(t, r, false)
				switch format {
				case "json":
					var doc schema.JSONReport
					if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
						t.Fatal(err)
					}
					res := doc.Results[0]
					if res.OmittedCount() == 0 || doc.Summary.Omitted != res.OmittedCount() ||
						doc.Summary.Errors+doc.Summary.Warnings+doc.Summary.Infos != len(res.Diagnostics)+res.OmittedCount() {
						t.Errorf("summary %+v does not add up: %d listed, %d omitted", doc.Summary, len(res.Diagnostics), res.OmittedCount())
					}
				case "sarif":
					if !strings.Contains(r.stdout, `"toolExecutionNotifications"`) {
						t.Error("no notification says what was left out")
					}
				case "github":
					if !strings.Contains(r.stdout, "::notice file=strategy.yaml,title=pillar%3A ") {
						t.Errorf("no notice says what was left out:\n%.500s", r.stdout[max(0, len(r.stdout)-500):])
					}
				}
			})
		}
	}
}

// TestCampaignOverlapBomb is the case the limits were written for: 3,000
// campaigns on the same days used to take minutes and gigabytes and print
// 4.5 million warnings, exit 0.
func TestCampaignOverlapBomb(t *testing.T) {
	gen, err := generated()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(gen, "campaign-overlap-3000")
	r := pillarGuarded(t, dir, hangAfter, "validate", "--today", "2026-11-23", ".")
	checkBounds(t, r, true)
	if r.code != 0 || !strings.HasSuffix(r.stdout, "1 strategy valid (1 file), 2,999 warnings\n") ||
		!strings.Contains(r.stdout, "strategy.yaml: and 2,899 more campaign-overlap warnings\n") ||
		strings.Count(r.stdout, "[campaign-overlap]") != 100 {
		t.Errorf("exit %d, want 0 and the first 100 of 2,999 warnings listed:\n%s", r.code, r.stdout[max(0, len(r.stdout)-600):])
	}
	r = pillarGuarded(t, dir, hangAfter, "validate", "--max-per-rule", "0", "--max-findings", "0", "--today", "2026-11-23", ".")
	if n := strings.Count(r.stdout, "[campaign-overlap]"); n != 2999 || strings.Contains(r.stdout, "more campaign-overlap") {
		t.Errorf("--max-per-rule 0 --max-findings 0 listed %d of 2,999", n)
	}
	r = pillarGuarded(t, dir, hangAfter, "validate", "--max-findings", "-1", ".")
	if r.code != 2 || !strings.Contains(r.stderr, "cannot be negative") {
		t.Errorf("--max-findings -1: exit %d, %q", r.code, r.stderr)
	}
}
