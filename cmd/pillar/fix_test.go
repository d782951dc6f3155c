package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fixture copies the fixture folder src into a new temporary folder and
// returns it. The copy is outside any git repository, so its root is the
// folder itself.
func fixture(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

// TestFixDryRun: --dry-run prints a unified diff of every fix, in the
// main file and the included one, lists the fix left for review, writes
// nothing, and exits 1 since a fix is left.
func TestFixDryRun(t *testing.T) {
	dir := fixture(t, filepath.Join(root, "cmd", "pillar", "testdata", "fix", "broken"))
	before := readAll(t, dir)
	r := pillarAt(t, dir, nil, "fix", "--dry-run", "--today", "2026-11-23")
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (a fix is left to review)\n%s", r.code, r.stderr)
	}
	goldenFile(t, filepath.Join("testdata", "fix", "broken.dry-run.diff.golden"), r.stdout)
	goldenFile(t, filepath.Join("testdata", "fix", "broken.dry-run.stderr.golden"), r.stderr)
	if after := readAll(t, dir); len(after) != len(before) {
		t.Fatalf("files appeared: %v", after)
	} else {
		for k, v := range before {
			if after[k] != v {
				t.Errorf("--dry-run changed %s", k)
			}
		}
	}
}

// TestFixInPlace: pillar fix writes what --dry-run showed (the diff
// applied gives the same files), keeps each file's mode, prints each
// change, and a second run finds nothing to do.
func TestFixInPlace(t *testing.T) {
	dir := fixture(t, filepath.Join(root, "cmd", "pillar", "testdata", "fix", "broken"))
	main := filepath.Join(dir, "strategy.yaml")
	if err := os.Chmod(main, 0o640); err != nil {
		t.Fatal(err)
	}
	r := pillarAt(t, dir, nil, "fix", "--today", "2026-11-23")
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (a fix is left to review)\n%s", r.code, r.stderr)
	}
	goldenFile(t, filepath.Join("testdata", "fix", "broken.stdout.golden"), r.stdout)
	// The README shows this run.
	if readme, err := os.ReadFile(filepath.Join(root, "README.md")); err != nil || !strings.Contains(string(readme), "```console\n$ pillar fix\n"+r.stdout+"```") {
		t.Errorf("README.md does not show this output of pillar fix (%v):\n%s", err, r.stdout)
	}
	got := readAll(t, dir)
	goldenFile(t, filepath.Join("testdata", "fix", "broken.fixed.yaml.golden"), got["strategy.yaml"])
	if !strings.Contains(got[filepath.Join("personas", "hiker.yaml")], "networks: [instagram]   # where she is") {
		t.Errorf("the included file was not fixed in place:\n%s", got[filepath.Join("personas", "hiker.yaml")])
	}
	// The dry run's diff, applied by git to another copy, gives the same
	// files.
	if gitBin, err := exec.LookPath("git"); err == nil {
		other := fixture(t, filepath.Join(root, "cmd", "pillar", "testdata", "fix", "broken"))
		d := pillarAt(t, other, nil, "fix", "--dry-run", "--today", "2026-11-23")
		apply := exec.Command(gitBin, "apply", "-")
		apply.Dir, apply.Stdin, apply.Env = other, strings.NewReader(d.stdout), append(os.Environ(), gitEnv...)
		if out, err := apply.CombinedOutput(); err != nil {
			t.Fatalf("git apply: %v\n%s", err, out)
		}
		for k, v := range readAll(t, other) {
			if got[k] != v {
				t.Errorf("%s: the applied diff and pillar fix differ", k)
			}
		}
	}
	if fi, err := os.Stat(main); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("mode after fix: %v, %v; want 0640", fi.Mode(), err)
	}
	if v := pillarAt(t, dir, nil, "validate", "--today", "2026-11-23"); v.code != 0 {
		t.Errorf("validate after fix: exit %d\n%s", v.code, v.stdout)
	}
	again := pillarAt(t, dir, nil, "fix", "--today", "2026-11-23")
	if !strings.Contains(again.stdout, "strategy.yaml: 0 fixes applied") {
		t.Errorf("second run: %q", again.stdout)
	}
	if after := readAll(t, dir); after["strategy.yaml"] != got["strategy.yaml"] {
		t.Error("a second run changed the file again")
	}
}

// TestFixCleanStrategies: the examples are valid and offer no fix, so
// --dry-run prints no diff and exits 0.
func TestFixCleanStrategies(t *testing.T) {
	for _, ex := range examples(t) {
		r := pillar(t, nil, "fix", "--dry-run", "--today", "2026-11-23", ex)
		if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, ": 0 fixes applied (dry run: nothing written)") {
			t.Errorf("%s: exit %d, diff %q, stderr %q", ex, r.code, r.stdout, r.stderr)
		}
	}
}

// TestFixInExtendedParent: a mistake in the parent a strategy extends is
// fixed in the parent's file.
func TestFixInExtendedParent(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) { writeRel(t, dir, rel, s) }
	write("group/strategy.yaml", "version: 1\nbrand:\n  name: Group\n  timezone: Berlin   # head office\n")
	write("brand/strategy.yaml", "version: 1\nextends: ../group\nbrand:\n  name: Brand\npillars:\n  - {id: a, name: A, weight: 100}\n")
	r := pillarAt(t, dir, nil, "fix", "--root", ".", "brand", "--today", "2026-11-23")
	if r.code != 0 {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, filepath.Join("group", "strategy.yaml")+":4:13: Berlin → Europe/Berlin") {
		t.Errorf("stdout %q", r.stdout)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "group", "strategy.yaml"))
	if want := "version: 1\nbrand:\n  name: Group\n  timezone: Europe/Berlin   # head office\n"; string(b) != want {
		t.Errorf("parent now reads %q", b)
	}
}

// TestFixNeverWritesOutsideTheRoot: a strategy file that is a link to a
// file outside the root is refused (exit 2) and the file outside stays as
// it was; a link inside the root is written through, and stays a link.
func TestFixNeverWritesOutsideTheRoot(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "strategy.yaml")
	broken := "version: 1\nbrand: {name: X, timezone: Oslo}\npillars:\n  - {id: a, name: A, weight: 100}\n"
	if err := os.WriteFile(secret, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(secret, filepath.Join(dir, "strategy.yaml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	r := pillarAt(t, dir, nil, "fix", "--root", ".", ".")
	if r.code != 2 {
		t.Errorf("exit %d, want 2\n%s%s", r.code, r.stdout, r.stderr)
	}
	if b, _ := os.ReadFile(secret); string(b) != broken {
		t.Errorf("the file outside the root was changed: %q", b)
	}

	inside := t.TempDir()
	os.MkdirAll(filepath.Join(inside, "real"), 0o755)
	if err := os.WriteFile(filepath.Join(inside, "real", "s.yaml"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("real", "s.yaml"), filepath.Join(inside, "strategy.yaml")); err != nil {
		t.Fatal(err)
	}
	r = pillarAt(t, inside, nil, "fix", "--root", ".", ".")
	if r.code != 0 {
		t.Errorf("link inside: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if fi, err := os.Lstat(filepath.Join(inside, "strategy.yaml")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(filepath.Join(inside, "real", "s.yaml")); !bytes.Contains(b, []byte("timezone: Europe/Oslo}")) {
		t.Errorf("the link's target reads %q", b)
	}
}

func TestFixUsage(t *testing.T) {
	r := pillar(t, nil, "fix", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "Examples:") || !strings.Contains(r.stdout, "--dry-run") {
		t.Errorf("fix --help: exit %d\n%s", r.code, r.stdout)
	}
	r = pillar(t, nil, "fix", "no/such/path")
	if r.code != 2 || !strings.Contains(r.stderr, "pillar fix: no/such/path: no such file or folder") {
		t.Errorf("missing path: exit %d, %q", r.code, r.stderr)
	}
}

// TestFixLeavesSharedParentsReferences: a reference in a parent that
// several strategies extend is resolved by each child's own ids; renaming
// it to the id one child has (hikr → hiker) would break the sibling that
// defines hikr. Such a fix is offered, not applied: the parent stays as it
// was, the sibling stays valid, and the run says a fix is left (exit 1).
func TestFixLeavesSharedParentsReferences(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) { writeRel(t, dir, rel, s) }
	group := "version: 1\nbrand: {name: Group, timezone: Oslo}\npillars:\n  - {id: p, name: P, weight: 100}\n" +
		"channels:\n  - {id: ig, platform: instagram, personas: [hikr], cadence: {min_per_week: 1, days: [mon], times: [\"09:00\"]}}\n"
	write("group/strategy.yaml", group)
	write("a/strategy.yaml", "version: 1\nextends: ../group\npersonas:\n  - {id: hiker, name: Hiker}\n")
	write("b/strategy.yaml", "version: 1\nextends: ../group\npersonas:\n  - {id: hikr, name: Hikr}\n")
	r := pillarAt(t, dir, nil, "fix", "--root", ".", "--today", "2026-11-23", "a", "b")
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (a fix is left to review)\n%s%s", r.code, r.stdout, r.stderr)
	}
	want := strings.Replace(group, "timezone: Oslo", "timezone: Europe/Oslo", 1)
	if b, _ := os.ReadFile(filepath.Join(dir, "group", "strategy.yaml")); string(b) != want {
		t.Errorf("the shared parent now reads\n%s\nwant\n%s", b, want)
	}
	if !strings.Contains(r.stdout, filepath.Join("group", "strategy.yaml")+":6:46: left for you to review: hikr → hiker [unknown-reference]") {
		t.Errorf("the reference fix is not offered for review:\n%s", r.stdout)
	}
	if v := pillarAt(t, dir, nil, "validate", "--root", ".", "--today", "2026-11-23", "b"); v.code != 0 {
		t.Errorf("the sibling b is no longer valid: exit %d\n%s", v.code, v.stdout)
	}
}

// TestFixMisspeltExtends: once extend → extends is fixed, the strategy
// reads a parent it did not read before; the next round sees it (and
// fixes the parent's own mistake), and the run reports what validate
// then says (valid, exit 0), not the parent as missing.
func TestFixMisspeltExtends(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) { writeRel(t, dir, rel, s) }
	write("top/strategy.yaml", "version: 1\nbrand: {name: Top, timezone: Oslo}\n")
	write("group/strategy.yaml", "version: 1\nextends: ../top\ninclude: [more/*.yaml]\n")
	write("group/more/p.yaml", "pillars:\n  - {id: p, name: P, weight: 100}\n")
	write("brand/strategy.yaml", "version: 1\nextend: ../group\nbrand:\n  name: Brand\n")
	for _, dry := range []bool{true, false} {
		args := []string{"fix", "--root", ".", "--today", "2026-11-23", "brand"}
		if dry {
			args = append(args, "--dry-run")
		}
		r := pillarAt(t, dir, nil, args...)
		report := r.stdout
		if dry {
			report = r.stderr
		}
		if r.code != 0 || !strings.Contains(report, "brand/strategy.yaml: 2 fixes applied") || !strings.Contains(report, "top/strategy.yaml:2:30: Oslo → Europe/Oslo") {
			t.Errorf("dry run %v: exit %d\n%s%s", dry, r.code, r.stdout, r.stderr)
		}
	}
	if v := pillarAt(t, dir, nil, "validate", "--root", ".", "--today", "2026-11-23", "brand"); v.code != 0 {
		t.Errorf("validate after fix: exit %d\n%s", v.code, v.stdout)
	}
}

// TestFixMisspeltIncludeInParent: once a parent's inclde → include is
// fixed, the next round reads the files it includes: the run reports the
// strategy valid (exit 0), as validate does.
func TestFixMisspeltIncludeInParent(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) { writeRel(t, dir, rel, s) }
	write("group/strategy.yaml", "version: 1\nbrand: {name: Top, timezone: Europe/Oslo}\ninclde: [more/*.yaml]\n")
	write("group/more/p.yaml", "pillars:\n  - {id: p, name: P, weight: 100}\n")
	write("brand/strategy.yaml", "version: 1\nextends: ../group\nbrand:\n  name: Brand\n")
	r := pillarAt(t, dir, nil, "fix", "--root", ".", "--today", "2026-11-23", "brand")
	if r.code != 0 || !strings.Contains(r.stdout, "group/strategy.yaml:3:1: inclde → include\nbrand/strategy.yaml: 1 fix applied\n") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if v := pillarAt(t, dir, nil, "validate", "--root", ".", "--today", "2026-11-23", "brand"); v.code != 0 {
		t.Errorf("validate after fix: exit %d\n%s", v.code, v.stdout)
	}
}

// TestFixLeavesCommentsAfterValues: a valid strategy with # comments
// after numbers, ids, allowed values, dates and durations is left byte
// for byte as it was (the comments are comments), and fix exits 0.
func TestFixLeavesCommentsAfterValues(t *testing.T) {
	dir := t.TempDir()
	src := "version: 1\nbrand: {name: X, timezone: Europe/Oslo}\npillars:\n  - id: a\n    name: A\n    weight: 100 #main\n" +
		"    examples: {ig: Boots on a ridge}\npersonas:\n  - id: hiker #persona1\n    name: H\n    last_reviewed: 2026-11-01 #q4\n" +
		"channels:\n  - id: ig\n    platform: instagram #ig\n    personas: [hiker]\n    owner: K\n    role: R\n    response_sla: 4h #sla\n" +
		"    cadence:\n      min_per_week: 1 #x\n      days: [mon]\n      times: [\"09:00\"]\n"
	p := filepath.Join(dir, "strategy.yaml")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := pillarAt(t, dir, nil, "fix", "--root", ".", "--today", "2026-11-23", ".")
	if r.code != 0 || r.stdout != "strategy.yaml: 0 fixes applied\n" {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if b, _ := os.ReadFile(p); string(b) != src {
		t.Errorf("the strategy now reads\n%s", b)
	}
}

// writeRel writes s to dir/rel, making its folders.
func writeRel(t *testing.T, dir, rel, s string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
