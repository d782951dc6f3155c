package github

import (
	"context"
	"errors"
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
	// Annotations is how many annotations GitHub is known to have taken.
	Annotations int
}

// CreateCheckRun creates run on repo (owner/name), completed with its
// conclusion, then adds the annotations beyond the first batch in further
// updates. The conclusion is set at once, not after the last batch, so a
// failure halfway leaves a finished check with fewer annotations rather
// than one stuck "in progress".
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
	batches := Batches(run.Annotations, AnnotationsPerRequest)
	output := func(i int) *gh.CheckRunOutput {
		o := &gh.CheckRunOutput{Title: gh.String(run.Title), Summary: gh.String(run.Summary)}
		if run.Text != "" {
			o.Text = gh.String(run.Text)
		}
		if i < len(batches) {
			o.Annotations = batches[i]
		}
		return o
	}
	opts := gh.CreateCheckRunOptions{
		Name:       run.Name,
		HeadSHA:    run.HeadSHA,
		Status:     gh.String("completed"),
		Conclusion: gh.String(run.Conclusion),
		Output:     output(0),
	}
	if !run.CompletedAt.IsZero() {
		opts.CompletedAt = &gh.Timestamp{Time: run.CompletedAt.UTC().Truncate(time.Second)}
	}
	if run.ExternalID != "" {
		opts.ExternalID = gh.String(run.ExternalID)
	}
	var res CheckRunResult
	created, err := c.createCheckRun(ctx, owner, name, run, opts)
	if err != nil {
		return res, err
	}
	res.ID, res.URL, res.Requests = created.GetID(), created.GetHTMLURL(), 1
	if len(batches) > 0 {
		res.Annotations = len(batches[0])
	}
	// A batch GitHub may or may not have taken is not sent again, but the
	// batches after it hold other annotations and still go; the first
	// such failure is returned at the end.
	var unsure error
	for i := 1; i < len(batches); i++ {
		update := gh.UpdateCheckRunOptions{Name: run.Name, Output: output(i)}
		err := c.callAtMostOnce(ctx, "add annotations to the check run", func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
			_, resp, err := api.Checks.UpdateCheckRun(ctx, owner, name, res.ID, update)
			return resp, err
		})
		var ae *APIError
		switch {
		case err == nil:
			res.Requests++
			res.Annotations += len(batches[i])
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
// sending it again.
func (c *Client) createCheckRun(ctx context.Context, owner, name string, run CheckRun, opts gh.CreateCheckRunOptions) (*gh.CheckRun, error) {
	const op = "create the check run"
	for attempt := 1; ; attempt++ {
		var created *gh.CheckRun
		err := c.once(ctx, func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
			var resp *gh.Response
			var err error
			created, resp, err = api.Checks.CreateCheckRun(ctx, owner, name, opts)
			return resp, err
		})
		if err == nil {
			return created, nil
		}
		unsure := mayHaveActed(err)
		if unsure && run.ExternalID == "" && ctx.Err() == nil {
			final := c.apiError(op, err, attempt)
			final.MayHaveActed = true
			return nil, final
		}
		if err := c.backOff(ctx, op, err, attempt); err != nil {
			return nil, err
		}
		if unsure {
			found, err := c.findCheckRun(ctx, owner, name, run)
			if err != nil || found != nil {
				return found, err
			}
		}
	}
}

// maxCheckRunPages bounds the search for a check run: 10 pages of 100.
const maxCheckRunPages = 10

// findCheckRun returns the check run named run.Name on run.HeadSHA whose
// external id is run.ExternalID, or nil.
func (c *Client) findCheckRun(ctx context.Context, owner, name string, run CheckRun) (*gh.CheckRun, error) {
	opts := &gh.ListCheckRunsOptions{CheckName: gh.String(run.Name), Filter: gh.String("all"), ListOptions: gh.ListOptions{PerPage: 100}}
	for page := 0; page < maxCheckRunPages; page++ {
		var list *gh.ListCheckRunsResults
		var next int
		err := c.call(ctx, "create the check run, or find one a failed attempt made", func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
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
