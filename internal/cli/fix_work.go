package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/pillar-strategy/pillar/internal/outfile"
	"github.com/pillar-strategy/pillar/internal/udiff"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
	"gopkg.in/yaml.v3"
)

// A strategy is fixed in a private copy of its files: each round
// validates the copy, applies the safe fixes to it and validates again,
// until no fix is left. Only then are the files that changed written
// back, each atomically, so that a run that fails halfway leaves the
// repository as it was, and --dry-run sees exactly what a real run would
// do.

// Limits on the copy: the files the strategy read, and the other YAML
// files of its folder (a misspelt include key, once fixed, pulls them
// in). The loader's own budget for a strategy is 2 MiB.
const (
	maxCopiedFiles = 1000
	maxCopiedBytes = 4 << 20
)

// workCopy is a strategy's files copied below a temporary folder, at the
// same paths relative to the root as in the repository.
type workCopy struct {
	root    string            // the repository root, absolute
	dir     string            // the temporary folder
	orig    map[string][]byte // rel path → content read from the repository
	cur     map[string][]byte // rel path → content now
	display map[string]string // rel path → the path people know it by
	copied  int64
}

// fixStrategy fixes one strategy and reports whether findings or fixes
// remain. done holds the files earlier strategies changed (see runFix).
func fixStrategy(e *Env, t target, opts schema.Options, dryRun bool, done map[string][]byte) (remains bool, err error) {
	o := opts
	o.Limits.Root = t.root
	res, err := schema.ValidateFile(t.path, o)
	if err != nil {
		return false, fmt.Errorf("%s", readError(t.path, err))
	}
	root := t.root
	if root == "" {
		root = filepath.Dir(t.path)
	}
	w, err := newWorkCopy(root, res.Files, t.path, done)
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(w.dir)
	main, _ := w.rel(t.path)
	o.Limits.Root = w.dir
	var changes, left []string
	for round := 0; ; round++ {
		if round > 0 {
			w.pullParents(main, done)
		}
		res, err = schema.ValidateFile(filepath.Join(w.dir, main), o)
		if err != nil {
			return false, fmt.Errorf("%s", readError(t.path, err))
		}
		if round == maxFixRounds {
			break
		}
		byFile := map[string][]schema.Fix{}
		for _, d := range res.Diagnostics {
			if d.Fix != nil && d.Fix.Safe {
				byFile[d.Fix.File] = append(byFile[d.Fix.File], *d.Fix)
			}
		}
		applied := 0
		for _, file := range sortedNames(byFile) {
			rel, ok := w.tempRel(file)
			if !ok {
				continue
			}
			out, ok1, skipped := schema.Apply(w.cur[rel], byFile[file])
			for _, f := range ok1 {
				changes = append(changes, fmt.Sprintf("%s:%d:%d: %s → %s", w.display[rel], f.Line, f.Column, f.Old, f.New))
			}
			for _, s := range skipped {
				// The next round validates again and offers it anew
				// if it still applies.
				left = append(left, fmt.Sprintf("%s:%d:%d: skipped %s → %s: %s", w.display[rel], s.Fix.Line, s.Fix.Column, s.Fix.Old, s.Fix.New, s.Reason))
			}
			if len(ok1) == 0 {
				continue
			}
			applied += len(ok1)
			w.cur[rel] = out
			if err := os.WriteFile(filepath.Join(w.dir, rel), out, 0o600); err != nil {
				return false, fmt.Errorf("write the working copy: %w", err)
			}
		}
		if applied == 0 {
			break
		}
	}
	// What the last validation still finds.
	errs, fixesLeft := 0, 0
	for _, d := range res.Diagnostics {
		if d.Severity == schema.Error {
			errs++
		}
		if d.Fix != nil {
			// Offered for review, or safe but past the last round.
			rel, _ := w.tempRel(d.Fix.File)
			left = append(left, fmt.Sprintf("%s:%d:%d: left for you to review: %s → %s [%s]", w.display[rel], d.Fix.Line, d.Fix.Column, d.Fix.Old, d.Fix.New, d.Rule))
			fixesLeft++
		}
	}
	errs += res.Count(schema.Error) - countListed(res, schema.Error)

	if dryRun {
		for _, rel := range w.changed() {
			e.Stdout.Write(udiff.Diff("a/"+filepath.ToSlash(rel), "b/"+filepath.ToSlash(rel), w.orig[rel], w.cur[rel]))
			done[filepath.Join(w.root, rel)] = w.cur[rel]
		}
		for _, c := range changes {
			fmt.Fprintln(e.Stderr, c)
		}
	} else {
		if err := w.writeBack(done); err != nil {
			return false, err
		}
		for _, c := range changes {
			fmt.Fprintln(e.Stdout, c)
		}
	}
	// A dry run's standard output is the diff alone, for git apply; its
	// report goes to standard error.
	summary := e.Stdout
	if dryRun {
		summary = e.Stderr
	}
	for _, l := range left {
		fmt.Fprintln(summary, l)
	}
	fmt.Fprintf(summary, "%s: %s applied", w.display[main], fixes(len(changes)))
	if dryRun {
		fmt.Fprint(summary, " (dry run: nothing written)")
	}
	if errs > 0 || fixesLeft > 0 {
		var parts []string
		if errs > 0 {
			parts = append(parts, countText(errs, "error", "errors"))
		}
		if fixesLeft > 0 {
			parts = append(parts, fixes(fixesLeft)+" to review")
		}
		fmt.Fprintf(summary, "; %s left (pillar validate %s)", strings.Join(parts, " and "), w.display[main])
	}
	fmt.Fprintln(summary)
	return errs > 0 || fixesLeft > 0, nil
}

// countListed counts the listed findings of a severity.
func countListed(res schema.Result, s schema.Severity) int {
	n := 0
	for _, d := range res.Diagnostics {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// fixes writes a count of fixes: "1 fix", "3 fixes".
func fixes(n int) string { return countText(n, "fix", "fixes") }

// countText writes a count with its noun: "1 error", "3 errors".
func countText(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// sortedNames returns a map's keys in order.
func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// newWorkCopy copies files (as the validation named them) and the other
// YAML files of their folders into a temporary folder.
func newWorkCopy(root string, files []string, main string, done map[string][]byte) (*workCopy, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "pillar-fix-")
	if err != nil {
		return nil, fmt.Errorf("create a working folder: %w", err)
	}
	w := &workCopy{root: abs, dir: dir, orig: map[string][]byte{}, cur: map[string][]byte{}, display: map[string]string{}}
	for _, f := range files {
		if err := w.copyIn(f, f, done); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	// The folder of each parent too: its include key may be the misspelt
	// one.
	var walked []string
	for _, f := range append([]string{main}, files...) {
		folder := filepath.Dir(f)
		if !slices.ContainsFunc(walked, func(w string) bool { return within(w, folder) }) {
			w.copyFolder(folder, done)
			walked = append(walked, folder)
		}
	}
	return w, nil
}

// within reports whether folder is dir or lies below it.
func within(dir, folder string) bool {
	rel, err := filepath.Rel(dir, folder)
	return err == nil && filepath.IsLocal(rel)
}

// copyFolder copies the YAML files of a folder and its subfolders, as far
// as the limits allow: a misspelt include key, once fixed, pulls them in.
func (w *workCopy) copyFolder(folder string, done map[string][]byte) {
	filepath.WalkDir(folder, func(p string, d fs.DirEntry, err error) error {
		if err != nil || len(w.orig) >= maxCopiedFiles || w.copied >= maxCopiedBytes {
			return filepath.SkipAll
		}
		if d.IsDir() && p != folder && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() && (strings.HasSuffix(d.Name(), ".yaml") || strings.HasSuffix(d.Name(), ".yml")) {
			w.copyIn(p, p, done) // best effort: the strategy may never read it
		}
		return nil
	})
}

// maxParentsPulled bounds the chain of parents pullParents follows; the
// loader refuses deeper chains anyway.
const maxParentsPulled = 16

// pullParents copies in the strategies the working copy's file rel
// extends, and theirs, with their folders' YAML files, when the copy does
// not hold them yet: a fix that renames a misspelt key to extends makes
// the strategy read a parent it did not read before, and without it the
// next round would find the parent missing. A target the loader would
// refuse (absolute, outside the root, not there) is left for it to
// report.
func (w *workCopy) pullParents(rel string, done map[string][]byte) {
	for range maxParentsPulled {
		target := extendsOf(w.cur[rel])
		if target == "" || filepath.IsAbs(target) || strings.HasPrefix(target, "/") {
			return
		}
		parent, err := strategy.Resolve(filepath.Join(filepath.Dir(w.display[rel]), filepath.FromSlash(target)))
		if err != nil {
			return
		}
		prel, ok := w.rel(parent)
		if !ok {
			return
		}
		if _, seen := w.orig[prel]; !seen {
			if w.copyIn(parent, parent, done) != nil {
				return
			}
			w.copyFolder(filepath.Dir(parent), done)
		}
		rel = prel
	}
}

// extendsOf returns the value of the top-level extends key of a YAML
// file, or "" when it has none. The file is only parsed, never decoded,
// so aliases are not expanded.
func extendsOf(b []byte) string {
	var doc yaml.Node
	if yaml.Unmarshal(b, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return ""
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k, v := m.Content[i], m.Content[i+1]; k.Value == "extends" && v.Kind == yaml.ScalarNode {
			return v.Value
		}
	}
	return ""
}

// rel is a path's place inside the repository root, or false when it
// lies outside it.
func (w *workCopy) rel(p string) (string, bool) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(w.root, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	return rel, true
}

// tempRel is the place inside the working copy of a path findings name.
func (w *workCopy) tempRel(p string) (string, bool) {
	rel, err := filepath.Rel(w.dir, p)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	_, ok := w.cur[rel]
	return rel, ok
}

// copyIn copies one file of the repository into the working copy. It
// reads through an os.Root of the repository, so no path or link leads
// outside it.
func (w *workCopy) copyIn(p, display string, done map[string][]byte) error {
	rel, ok := w.rel(p)
	if !ok {
		return fmt.Errorf("%s is outside the root %s; pillar fix changes only files inside it", p, w.root)
	}
	if _, seen := w.orig[rel]; seen {
		return nil
	}
	var b []byte
	if prev, ok := done[filepath.Join(w.root, rel)]; ok {
		b = prev
	} else {
		r, err := os.OpenRoot(w.root)
		if err != nil {
			return fmt.Errorf("the root %s cannot be read: %w", w.root, err)
		}
		defer r.Close()
		f, err := r.Open(rel)
		if err != nil {
			return fmt.Errorf("%s", readError(p, err))
		}
		defer f.Close()
		if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file; pillar fix changes only regular files", display)
		}
		b, err = io.ReadAll(io.LimitReader(f, maxCopiedBytes+1))
		if err != nil {
			return fmt.Errorf("%s", readError(p, err))
		}
	}
	w.copied += int64(len(b))
	if err := os.MkdirAll(filepath.Join(w.dir, filepath.Dir(rel)), 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(w.dir, rel), b, 0o600); err != nil {
		return err
	}
	w.orig[rel], w.cur[rel], w.display[rel] = b, b, display
	return nil
}

// changed lists the files whose content the fixes changed, by path.
func (w *workCopy) changed() []string {
	var out []string
	for rel, b := range w.cur {
		if !bytes.Equal(b, w.orig[rel]) {
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}

// writeBack replaces each changed file in the repository, atomically and
// keeping its mode (package outfile). A file reached through a symbolic
// link is written at the link's target when that lies inside the root,
// and refused otherwise; a file that changed since it was read is left
// alone. Every file is checked before the first is written, so a refusal
// leaves them all as they were.
func (w *workCopy) writeBack(done map[string][]byte) error {
	realRoot, err := filepath.EvalSymlinks(w.root)
	if err != nil {
		return err
	}
	changed := w.changed()
	reals := make([]string, len(changed))
	seen := map[string]string{} // real path → the changed file that leads there
	for i, rel := range changed {
		p := filepath.Join(w.root, rel)
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			return fmt.Errorf("%s: %s", w.display[rel], readError(p, err))
		}
		if r, err := filepath.Rel(realRoot, real); err != nil || !filepath.IsLocal(r) {
			return fmt.Errorf("%s is a link to a file outside the root %s; pillar fix does not write there", w.display[rel], w.root)
		}
		fi, err := os.Stat(real)
		if err != nil || !fi.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file; pillar fix changes only regular files", w.display[rel])
		}
		now, err := os.ReadFile(real)
		if err != nil {
			return fmt.Errorf("%s", readError(w.display[rel], err))
		}
		if !bytes.Equal(now, w.orig[rel]) {
			return fmt.Errorf("%s changed while pillar fix ran; run it again", w.display[rel])
		}
		// Two paths to one file (a linked folder), each fixed on its
		// own: writing both would keep only the second one's fixes.
		if other, dup := seen[real]; dup {
			return fmt.Errorf("%s and %s are one file, reached through a link, and pillar fix changed each; fix one path at a time", w.display[other], w.display[rel])
		}
		seen[real] = rel
		reals[i] = real
	}
	var written []string
	for i, rel := range changed {
		if err := outfile.WriteBytes(reals[i], nil, w.cur[rel]); err != nil {
			var oe *outfile.Error
			if errors.As(err, &oe) {
				err = oe
			} else {
				err = fmt.Errorf("write %s: %w", w.display[rel], err)
			}
			if len(written) > 0 {
				// Said, since the changes are printed only after a
				// run that wrote everything.
				err = fmt.Errorf("%w (fixed before it: %s)", err, strings.Join(written, ", "))
			}
			return err
		}
		done[filepath.Join(w.root, rel)] = w.cur[rel]
		written = append(written, w.display[rel])
	}
	return nil
}
