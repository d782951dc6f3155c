package cli

import (
	"context"
	"io"
	"path/filepath"
	"strings"

	"github.com/pillar-strategy/pillar/github"
	"github.com/pillar-strategy/pillar/internal/inputfile"
)

// maxSuggestedFile is the largest file read to write suggestions for:
// the loader reads no strategy file larger (512 KiB).
const maxSuggestedFile = 512 << 10

// addedLines finds the lines the pull request adds or rewrites, for
// suggestions; without them there are none, and the findings keep their
// annotations.
func (r *githubRun) addedLines(ctx context.Context, mergeBase, head string) {
	if r.repo == nil || !r.o.suggest {
		return
	}
	lines, err := r.repo.AddedLines(ctx, mergeBase, head)
	if err != nil {
		r.notef("no suggested changes: git could not list the changed lines (%v).", err)
		return
	}
	r.added = map[string][]github.Lines{}
	for f, runs := range lines {
		for _, l := range runs {
			r.added[f] = append(r.added[f], github.Lines{Start: l.Start, End: l.End})
		}
	}
}

// headLines returns the lines of a file of the repository (a path
// relative to its root, as findings name it) as the head commit has them.
func (r *githubRun) headLines(path string) ([]string, bool) {
	if r.root == "" || !filepath.IsLocal(filepath.FromSlash(path)) {
		return nil, false
	}
	p := filepath.Join(r.root, filepath.FromSlash(path))
	if r.head != nil {
		p = filepath.Join(r.head.tmp, filepath.FromSlash(path))
	}
	b, err := readRegularLimited(p, maxSuggestedFile)
	if err != nil {
		return nil, false
	}
	text := strings.TrimPrefix(string(b), "\ufeff")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines, true
}

// readRegularLimited reads a regular file of at most limit bytes.
func readRegularLimited(path string, limit int64) ([]byte, error) {
	f, err := inputfile.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(b)) > limit {
		return nil, io.ErrShortBuffer
	}
	return b, err
}

// suggest posts the findings' fixes on the pull request's changed lines
// as suggestions (see github.Client.PutSuggestions).
func (r *githubRun) suggest(ctx context.Context, client *github.Client, rep *github.Report) {
	if r.added == nil {
		return
	}
	sugs := github.Suggestions(rep.Results, r.added, r.headLines, r.o.key)
	sha := r.headSHA(ctx)
	if sha == "" {
		return
	}
	res, err := client.PutSuggestions(ctx, r.gctx.Repo, r.number, sha, r.o.key, sugs)
	switch {
	case github.IsForbidden(err):
		why := "The token may not do this: give the job 'permissions: pull-requests: write'."
		if r.pr.FromFork() {
			why = "The pull request comes from a fork, and GitHub gives such runs a read-only token."
		}
		r.notef("%v. %s The fixes are in the annotations and the job summary.", err, why)
	case err != nil:
		r.notef("%v", err)
		r.failed = true
	case r.o.dryRun:
	case res.Created > 0:
		r.notef("suggested %s on the changed lines of pull request #%d: %s", countText(res.Created, "change", "changes"), r.number, res.URL)
	}
	if res.Deleted > 0 && !r.o.dryRun {
		r.notef("deleted %s that no longer apply.", countText(res.Deleted, "earlier suggestion", "earlier suggestions"))
	}
}
