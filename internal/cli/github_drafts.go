package cli

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// checkChangedDrafts checks, for each strategy that validated without
// errors, the drafts files the pull request changes among those its
// drafts.files names, with the check pillar drafts runs. Their findings
// join the strategy's result, so they are annotated on the drafts' lines
// and counted in the comment, the check run and the job summary; the
// changed drafts files join its files, so touched keeps the strategy. A
// folder of Markdown posts is checked whole when one of its posts
// changed, since its empty slots are those no post fills. A pull request
// that changes no drafts file checks none, and reads no strategy again.
func (r *githubRun) checkChangedDrafts(ctx context.Context, results []schema.Result, changed map[string]bool, head string, now time.Time) {
	var candidates []string // changed files that could be drafts
	for f := range changed {
		switch strings.ToLower(filepath.Ext(f)) {
		case ".yaml", ".yml":
		default:
			candidates = append(candidates, f)
		}
	}
	if len(candidates) == 0 {
		return
	}
	slices.Sort(candidates)
	for i := range results {
		if results[i].Count(schema.Error) > 0 {
			continue // validate's findings say what to fix first
		}
		r.checkDraftsOf(ctx, &results[i], candidates, head, now)
	}
}

// checkDraftsOf checks the changed drafts of the strategy res is about.
func (r *githubRun) checkDraftsOf(ctx context.Context, res *schema.Result, candidates []string, head string, now time.Time) {
	root := r.rootOf(res.Path)
	doc, err := strategy.LoadDocument(res.Path, strategy.Limits{Root: root})
	if err != nil {
		return // validate has said why
	}
	_, s := schema.Validate(doc, schema.Options{Now: now})
	if s == nil || s.Drafts == nil || len(s.Drafts.Files) == 0 {
		return
	}
	dir := path2dir(r.toRepo(res.Path))
	var inputs, files []string // repository paths: what to check, what changed
	for _, f := range candidates {
		if in, ok := strategy.DraftsMatch(dir, s.Drafts.Files, f); ok {
			files = append(files, f)
			if !slices.Contains(inputs, in) {
				inputs = append(inputs, in)
			}
		}
	}
	if len(inputs) == 0 {
		return
	}
	base := r.root
	if r.head != nil {
		// The head's files were written out for the strategies, YAML
		// only: its drafts join them, so every path maps back alike.
		if err := r.writeHeadDrafts(ctx, head, inputs); err != nil {
			r.draftsNote(res.Path, err.Error())
			return
		}
		base = r.head.tmp
	}
	o := draftsOptions{path: res.Path, root: root, today: r.o.today,
		maxFindings: schema.DefaultMaxFindings, maxPerRule: schema.DefaultMaxPerRule}
	// The inputs are found again from the strategy's folder as drafts.files
	// are, inside the root: a changed file that is a symbolic link out of
	// it is refused, and a deleted one is not there to check.
	main := strategyFile(s, res.Path)
	mainDir, err := filepath.Abs(filepath.Dir(main))
	if err != nil {
		r.draftsNote(res.Path, err.Error())
		return
	}
	rels := make([]string, 0, len(inputs))
	for _, in := range inputs {
		rel, err := filepath.Rel(mainDir, filepath.Join(base, filepath.FromSlash(in)))
		if err != nil {
			r.draftsNote(res.Path, err.Error())
			return
		}
		rels = append(rels, filepath.ToSlash(rel))
	}
	if o.inputs, err = strategy.DraftsFiles(filepath.Dir(main), draftsRoot(main, root), rels); err != nil {
		r.draftsNote(res.Path, err.Error())
		return
	}
	if len(o.inputs) == 0 {
		return
	}
	if o.mapping, err = strategyMapping(s, filepath.Dir(main), draftsRoot(main, root)); err != nil {
		r.draftsNote(res.Path, err.Error())
		return
	}
	ro, err := auditOptions{mapping: o.mapping}.readOptions()
	if err != nil {
		r.draftsNote(res.Path, err.Error())
		return
	}
	var stderr bytes.Buffer
	env := *r.e
	env.Stderr = &stderr
	rep, _, err := checkDrafts(&env, "github", s, o, ro, strategy.Date{}, strategy.Date{}, draftsNow(r.e, o.today, s))
	if err != nil { // the note says it, once
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		r.draftsNote(res.Path, strings.TrimPrefix(msg, "pillar github: "))
		return
	}
	r.e.Stderr.Write([]byte(r.shown(stderr.String()))) // columns not read
	for _, f := range files {
		res.Files = append(res.Files, filepath.Join(base, filepath.FromSlash(f)))
	}
	r.draftsNotes = append(r.draftsNotes, fmt.Sprintf("Checked the drafts this pull request changes against %s: %s.",
		r.toRepo(res.Path), strings.Join(files, ", ")))
	res.Diagnostics = append(res.Diagnostics, rep.Result.Diagnostics...)
	schema.Sort(res.Diagnostics)
	res.Omitted = append(res.Omitted, rep.Result.Omitted...)
}

// ownChanged keeps the results of the strategies whose own files the pull
// request changes: one that only its drafts changed has no diff to show.
func ownChanged(results []schema.Result, own map[string]bool) []schema.Result {
	var out []schema.Result
	for _, res := range results {
		if own[res.Path] {
			out = append(out, res)
		}
	}
	return out
}

// draftsNote says on the pull request that a strategy's changed drafts
// could not be checked, and makes the run exit 2.
func (r *githubRun) draftsNote(path, why string) {
	r.notef("could not check the drafts of %s: %s", r.toRepo(path), r.shown(why))
	r.draftsNotes = append(r.draftsNotes, fmt.Sprintf("Could not check the drafts of %s: %s", r.toRepo(path), r.shown(why)))
	r.failed = true
}

// writeHeadDrafts writes the head commit's drafts among inputs (files,
// and the Markdown posts of folders) into the folder the head's YAML
// files were written to.
func (r *githubRun) writeHeadDrafts(ctx context.Context, head string, inputs []string) error {
	snap, err := r.repo.Snapshot(ctx, head, func(name string) bool {
		for _, in := range inputs {
			if name == in || strings.HasPrefix(name, in+"/") && drafts.IsMarkdown(name) {
				return true
			}
		}
		return false
	})
	if err != nil {
		return fmt.Errorf("git could not write out the drafts of %s: %v", head, err)
	}
	defer snap.Remove()
	return filepath.WalkDir(snap.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(snap.Dir, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(r.head.tmp, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.Rename(p, dst)
	})
}
