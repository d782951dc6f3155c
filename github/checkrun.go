package github

import (
	"context"
	"errors"
	"fmt"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// AnnotationsPerRequest is the most annotations GitHub takes in one
// request to create or update a check run; each update adds its
// annotations to those already there.
const AnnotationsPerRequest = 50

// CheckRun is a finished check run to create.
type CheckRun struct {
	// Name is shown in the pull request's checks, e.g. "Pillar".
	Name string
	// HeadSHA is the commit the check run is about: the pull request's
	// head, not the merge commit the workflow ran on.
	HeadSHA string
	// Conclusion is success, failure or neutral.
	Conclusion string
	// Title, Summary and Text are the check run's output (Markdown in
	// Summary and Text), each within GitHub's 65,535 characters.
	Title, Summary, Text string
	// Annotations mark lines of files in the commit, any number of them.
	Annotations []*gh.CheckRunAnnotation
	// ExternalID tells this check run apart from others of the same name
	// on the commit, e.g. those of earlier workflow runs. When a create
	// fails in a way that GitHub may have carried it out all the same (a
	// server error, no answer in time), CreateCheckRun looks for a check
	// run with this id before sending the create again; without one, it
	// does not send it again.
	ExternalID string
	// CompletedAt is when the check finished.
	CompletedAt time.Time
}

// CheckRunResult says what CreateCheckRun did.
type CheckRunResult struct {
	// ID is the check run's id.
	ID int64
	// URL is its address on GitHub, when GitHub gave it.
	URL string
	// Requests is how many requests it took: one to create the check run
	// with the first AnnotationsPerRequest annotations, one more for each
	// further batch GitHub took.
	Requests int
	// Annotations is how many of the run's annotations GitHub is known to
	// have: taken now, or already on the check run that was updated.
	Annotations int
	// Updated reports whether a check run with the run's ExternalID was
	// there already, made by an earlier invocation of the same workflow
	// run, attempt and comment key, and was updated instead of a second
	// one created.
	Updated bool
	// Kept is how many annotations that updated check run holds which the
	// run does not: GitHub keeps every annotation a check run was given.
	Kept int
	// MayExist reports, with an error and no ID, that the check run may
	// have been created all the same: a create got a server error or no
	// answer (the deadline cut it short, say), and it could not be looked
	// for afterwards. It may then lack annotations.
	MayExist bool
}

// CreateCheckRun creates run on repo (owner/name), completed with its
// conclusion, then adds the annotations beyond the first batch in further
// updates. The conclusion is set at once, not after the last batch, so a
// failure halfway leaves a finished check with fewer annotations rather
// than one stuck "in progress".
//
// A run with an ExternalID is one check run per id: when the commit has a
// check run of that name and id already (the same workflow run, attempt
// and comment key ran pillar before), that one is updated instead of a
// second created, and given only the annotations it lacks.
//
// Neither request is sent twice when GitHub may have carried out the
// first: a create is looked for by run.ExternalID before it is sent again,
// and an update, which adds its annotations to those already there, is
// not sent again after a server error or a timeout. A lost batch of
// annotations is the lesser harm than a doubled one: the job summary
// lists every finding either way, and the error says what happened.
func (c *Client) CreateCheckRun(ctx context.Context, repo string, run CheckRun) (CheckRunResult, error) {
	owner, name, err := SplitRepo(repo)
	if err != nil {
		return CheckRunResult{}, err
	}
	var res CheckRunResult
	if run.ExternalID != "" {
		found, err := c.findCheckRun(ctx, owner, name, run, "look for the check run of this workflow run")
		if err != nil {
			return res, err
		}
		if found != nil {
			return c.updateCheckRun(ctx, owner, name, run, found)
		}
	}
	batches := Batches(run.Annotations, AnnotationsPerRequest)
	first := firstBatch(batches)
	opts := gh.CreateCheckRunOptions{
		Name:        run.Name,
		HeadSHA:     run.HeadSHA,
		Status:      gh.String("completed"),
		Conclusion:  gh.String(run.Conclusion),
		Output:      run.output(first),
		CompletedAt: run.completedAt(),
	}
	if run.ExternalID != "" {
		opts.ExternalID = gh.String(run.ExternalID)
	}
	created, mayExist, err := c.createCheckRun(ctx, owner, name, run, opts)
	if err != nil {
		res.MayExist = mayExist
		return res, err
	}
	res.ID, res.URL, res.Requests, res.Annotations = created.GetID(), created.GetHTMLURL(), 1, len(first)
	return c.addAnnotations(ctx, owner, name, run, res, batches[min(1, len(batches)):])
}

// output is the check run's output carrying one batch of annotations.
func (run CheckRun) output(batch []*gh.CheckRunAnnotation) *gh.CheckRunOutput {
	o := &gh.CheckRunOutput{Title: gh.String(run.Title), Summary: gh.String(run.Summary), Annotations: batch}
	if run.Text != "" {
		o.Text = gh.String(run.Text)
	}
	return o
}

// completedAt is CompletedAt to send, to the second; nil when unset.
func (run CheckRun) completedAt() *gh.Timestamp {
	if run.CompletedAt.IsZero() {
		return nil
	}
	return &gh.Timestamp{Time: run.CompletedAt.UTC().Truncate(time.Second)}
}

func firstBatch(batches [][]*gh.CheckRunAnnotation) []*gh.CheckRunAnnotation {
	if len(batches) == 0 {
		return nil
	}
	return batches[0]
}

// updateCheckRun makes found, a check run an earlier invocation made for
// the same ExternalID, say what run says: the conclusion and output
// replaced, and the annotations it lacks added (GitHub appends those an
// update carries, and has no way to take one back).
func (c *Client) updateCheckRun(ctx context.Context, owner, name string, run CheckRun, found *gh.CheckRun) (CheckRunResult, error) {
	res := CheckRunResult{ID: found.GetID(), URL: found.GetHTMLURL(), Updated: true}
	have, err := c.listAnnotations(ctx, owner, name, res.ID)
	if err != nil {
		return res, err
	}
	fresh, kept := missingAnnotations(run.Annotations, have)
	res.Kept = kept
	res.Annotations = len(run.Annotations) - len(fresh)
	batches := Batches(fresh, AnnotationsPerRequest)
	first := firstBatch(batches)
	update := gh.UpdateCheckRunOptions{
		Name:        run.Name,
		Status:      gh.String("completed"),
		Conclusion:  gh.String(run.Conclusion),
		CompletedAt: run.completedAt(),
		Output:      run.output(first),
	}
	send := func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
		_, resp, err := api.Checks.UpdateCheckRun(ctx, owner, name, res.ID, update)
		return resp, err
	}
	const op = "update the check run"
	if len(first) > 0 {
		err = c.callAtMostOnce(ctx, op, send)
	} else {
		// Without annotations the update says the same however often
		// it is carried out, so it may be tried again.
		err = c.call(ctx, op, send)
	}
	if err != nil {
		return res, err
	}
	res.Requests, res.Annotations = 1, res.Annotations+len(first)
	return c.addAnnotations(ctx, owner, name, run, res, batches[min(1, len(batches)):])
}

// addAnnotations adds batches of annotations to the check run res is
// about, one update each.
func (c *Client) addAnnotations(ctx context.Context, owner, name string, run CheckRun, res CheckRunResult,
	batches [][]*gh.CheckRunAnnotation) (CheckRunResult, error) {
	// A batch GitHub may or may not have taken is not sent again, but the
	// batches after it hold other annotations and still go; the first
	// such failure is returned at the end.
	var unsure error
	for _, batch := range batches {
		update := gh.UpdateCheckRunOptions{Name: run.Name, Output: run.output(batch)}
		err := c.callAtMostOnce(ctx, "add annotations to the check run", func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
			_, resp, err := api.Checks.UpdateCheckRun(ctx, owner, name, res.ID, update)
			return resp, err
		})
		var ae *APIError
		switch {
		case err == nil:
			res.Requests++
			res.Annotations += len(batch)
		case errors.As(err, &ae) && ae.MayHaveActed:
			if unsure == nil {
				unsure = err
			}
		default:
			return res, err
		}
	}
	return res, unsure
}

// createCheckRun sends the create, and after a failure that GitHub may
// have acted on, looks for the check run by its external id before
// sending it again. mayExist reports, with an error, that an attempt may
// have created the check run and nothing showed it had not.
func (c *Client) createCheckRun(ctx context.Context, owner, name string, run CheckRun, opts gh.CreateCheckRunOptions) (created *gh.CheckRun, mayExist bool, err error) {
	const op = "create the check run"
	for attempt := 1; ; attempt++ {
		err := c.once(ctx, func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
			var resp *gh.Response
			var err error
			created, resp, err = api.Checks.CreateCheckRun(ctx, owner, name, opts)
			return resp, err
		})
		if err == nil {
			return created, false, nil
		}
		unsure := mayHaveActed(err)
		mayExist = mayExist || unsure
		if unsure && run.ExternalID == "" && ctx.Err() == nil {
			final := c.apiError(op, err, attempt)
			final.MayHaveActed = true
			return nil, true, final
		}
		if err := c.backOff(ctx, op, err, attempt); err != nil {
			return nil, mayExist, err
		}
		if unsure {
			found, err := c.findCheckRun(ctx, owner, name, run, "create the check run, or find one a failed attempt made")
			if err != nil || found != nil {
				return found, err != nil, err
			}
			mayExist = false
		}
	}
}

// maxCheckRunPages bounds the search for a check run, and for its
// annotations: 10 pages of 100.
const maxCheckRunPages = 10

// findCheckRun returns the check run named run.Name on run.HeadSHA whose
// external id is run.ExternalID, or nil; op says what for.
func (c *Client) findCheckRun(ctx context.Context, owner, name string, run CheckRun, op string) (*gh.CheckRun, error) {
	opts := &gh.ListCheckRunsOptions{CheckName: gh.String(run.Name), Filter: gh.String("all"), ListOptions: gh.ListOptions{PerPage: 100}}
	for page := 0; page < maxCheckRunPages; page++ {
		var list *gh.ListCheckRunsResults
		var next int
		err := c.call(ctx, op, func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
			var resp *gh.Response
			var err error
			list, resp, err = api.Checks.ListCheckRunsForRef(ctx, owner, name, run.HeadSHA, opts)
			if resp != nil {
				next = resp.NextPage
			}
			return resp, err
		})
		if err != nil {
			return nil, err
		}
		for _, cr := range list.CheckRuns {
			if cr.GetExternalID() == run.ExternalID {
				return cr, nil
			}
		}
		if next == 0 || next == opts.Page {
			break
		}
		opts.Page = next
	}
	return nil, nil
}

// listAnnotations returns the annotations check run id holds, up to
// maxCheckRunPages pages of 100.
func (c *Client) listAnnotations(ctx context.Context, owner, name string, id int64) ([]*gh.CheckRunAnnotation, error) {
	var out []*gh.CheckRunAnnotation
	opts := &gh.ListOptions{PerPage: 100}
	for page := 0; page < maxCheckRunPages; page++ {
		var list []*gh.CheckRunAnnotation
		var next int
		err := c.call(ctx, "list the annotations of the check run", func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
			var resp *gh.Response
			var err error
			list, resp, err = api.Checks.ListCheckRunAnnotations(ctx, owner, name, id, opts)
			if resp != nil {
				next = resp.NextPage
			}
			return resp, err
		})
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
		if next == 0 || next == opts.Page {
			break
		}
		opts.Page = next
	}
	return out, nil
}

// missingAnnotations returns the annotations of want that have does not
// hold, in order, and how many of have's are not in want. Each annotation
// counts as often as it appears.
func missingAnnotations(want, have []*gh.CheckRunAnnotation) (missing []*gh.CheckRunAnnotation, extra int) {
	count := map[string]int{}
	for _, a := range have {
		count[annotationKey(a)]++
	}
	for _, a := range want {
		k := annotationKey(a)
		if count[k] > 0 {
			count[k]--
			continue
		}
		missing = append(missing, a)
	}
	for _, n := range count {
		extra += n
	}
	return missing, extra
}

// annotationKey is everything an annotation shows, as one string.
func annotationKey(a *gh.CheckRunAnnotation) string {
	return fmt.Sprintf("%s\x00%d\x00%d\x00%d\x00%d\x00%s\x00%s\x00%s", a.GetPath(), a.GetStartLine(), a.GetEndLine(),
		a.GetStartColumn(), a.GetEndColumn(), a.GetAnnotationLevel(), a.GetTitle(), a.GetMessage())
}

// Batches splits items into slices of at most n, in order.
func Batches[T any](items []T, n int) [][]T {
	var out [][]T
	for len(items) > n {
		out = append(out, items[:n:n])
		items = items[n:]
	}
	if len(items) > 0 {
		out = append(out, items)
	}
	return out
}
