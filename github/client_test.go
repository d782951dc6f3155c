package github_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	gh "github.com/google/go-github/v60/github"

	"github.com/pillar-strategy/pillar/github"
	"github.com/pillar-strategy/pillar/github/githubtest"
)

// token is a distinctive token: any output holding it leaks it.
const token = "ghs_pillarTestToken9f8e7d6c"

const repo = "octo/strategy"

// now is the clock the clients in these tests read.
var now = time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)

// sleeper records the waits instead of waiting.
type sleeper struct{ waits []time.Duration }

func (s *sleeper) sleep(ctx context.Context, d time.Duration) error {
	s.waits = append(s.waits, d)
	return ctx.Err()
}

func newClient(t *testing.T, srv *githubtest.Server, s *sleeper, mod ...func(*github.Options)) *github.Client {
	t.Helper()
	o := github.Options{Token: token, APIURL: srv.URL, Sleep: s.sleep, Now: func() time.Time { return now }}
	for _, m := range mod {
		m(&o)
	}
	c, err := github.NewClient(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newServer(t *testing.T, prefix string) *githubtest.Server {
	srv := githubtest.NewServer(t, prefix)
	srv.Token = token
	return srv
}

// requests lists the requests as "METHOD path?query".
func requests(srv *githubtest.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		s := r.Method + " " + r.Path
		if r.Query != "" {
			s += "?" + r.Query
		}
		out = append(out, s)
	}
	return out
}

func TestCommentIsCreatedOnceThenEdited(t *testing.T) {
	srv := newServer(t, "")
	srv.AddComment(repo, 7, "Looks good to me!")
	c := newClient(t, srv, &sleeper{})
	ctx := context.Background()

	first, err := c.UpsertComment(ctx, repo, 7, "", "## Pillar\n\nfirst run")
	if err != nil {
		t.Fatal(err)
	}
	if !first.Created || first.ID == 0 {
		t.Fatalf("first run: %+v, want a new comment", first)
	}
	second, err := c.UpsertComment(ctx, repo, 7, "", "## Pillar\n\nsecond run")
	if err != nil {
		t.Fatal(err)
	}
	if second.Created || second.ID != first.ID {
		t.Fatalf("second run: %+v, want the comment %d edited", second, first.ID)
	}
	comments := srv.Comments(7)
	if len(comments) != 2 {
		t.Fatalf("%d comments, want the reviewer's and pillar's", len(comments))
	}
	mine := comments[1]
	if mine.Edits != 1 || mine.Body != github.Marker+"\n## Pillar\n\nsecond run" {
		t.Errorf("pillar's comment: %d edits, body %q", mine.Edits, mine.Body)
	}
	if comments[0].Body != "Looks good to me!" || comments[0].Edits != 0 {
		t.Errorf("someone else's comment was touched: %+v", comments[0])
	}
	want := []string{
		"GET /repos/octo/strategy/issues/7/comments?per_page=100",
		"POST /repos/octo/strategy/issues/7/comments",
		"GET /repos/octo/strategy/issues/7/comments?per_page=100",
		"PATCH /repos/octo/strategy/issues/comments/" + strconv.FormatInt(first.ID, 10),
	}
	if got := requests(srv); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCommentMarkerOnSecondPage(t *testing.T) {
	srv := newServer(t, "")
	var mine int64
	for i := 0; i < 150; i++ {
		body := fmt.Sprintf("comment %d", i)
		login, typ := "octocat", "User"
		if i == 120 {
			body, login, typ = github.Marker+"\nan earlier run", "github-actions[bot]", "Bot"
		}
		id := srv.AddCommentBy(repo, 3, login, typ, body)
		if i == 120 {
			mine = id
		}
	}
	// A comment that mentions the marker without starting with it is
	// someone quoting pillar, not pillar's comment.
	srv.AddComment(repo, 3, "> "+github.Marker)
	c := newClient(t, srv, &sleeper{})
	res, err := c.UpsertComment(context.Background(), repo, 3, "", "updated")
	if err != nil {
		t.Fatal(err)
	}
	if res.Created || res.ID != mine {
		t.Fatalf("got %+v, want comment %d edited", res, mine)
	}
	if n := len(srv.Comments(3)); n != 151 {
		t.Errorf("%d comments, want 151 (no second pillar comment)", n)
	}
	got := requests(srv)
	want := []string{
		"GET /repos/octo/strategy/issues/3/comments?per_page=100",
		"GET /repos/octo/strategy/issues/3/comments?page=2&per_page=100",
		"PATCH /repos/octo/strategy/issues/comments/" + strconv.FormatInt(mine, 10),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDuplicateCommentsAreRemoved: runs that overlapped can each have
// created a comment; the next run keeps the oldest, updated, and deletes
// the others.
func TestDuplicateCommentsAreRemoved(t *testing.T) {
	srv := newServer(t, "")
	oldest := srv.AddCommentBy(repo, 6, "github-actions[bot]", "Bot", github.Marker+"\nrun 1")
	srv.AddComment(repo, 6, "A reviewer's comment.")
	dup := srv.AddCommentBy(repo, 6, "github-actions[bot]", "Bot", github.Marker+"\nrun 2")
	c := newClient(t, srv, &sleeper{})
	res, err := c.UpsertComment(context.Background(), repo, 6, "", "run 3")
	if err != nil {
		t.Fatal(err)
	}
	if res.ID != oldest || res.Created || res.Removed != 1 {
		t.Errorf("got %+v, want comment %d edited and one duplicate removed", res, oldest)
	}
	comments := srv.Comments(6)
	if len(comments) != 2 || comments[0].ID != oldest || comments[0].Body != github.Marker+"\nrun 3" || comments[1].Body != "A reviewer's comment." {
		t.Errorf("comments: %+v", comments)
	}
	want := []string{
		"GET /repos/octo/strategy/issues/6/comments?per_page=100",
		"PATCH /repos/octo/strategy/issues/comments/" + strconv.FormatInt(oldest, 10),
		"DELETE /repos/octo/strategy/issues/comments/" + strconv.FormatInt(dup, 10),
	}
	if got := requests(srv); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestUnchangedCommentIsNotEdited(t *testing.T) {
	srv := newServer(t, "")
	c := newClient(t, srv, &sleeper{})
	ctx := context.Background()
	first, err := c.UpsertComment(ctx, repo, 8, "", "the same")
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.UpsertComment(ctx, repo, 8, "", "the same")
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID || !again.Unchanged || again.Created || again.URL == "" {
		t.Errorf("got %+v, want comment %d left as it was", again, first.ID)
	}
	if cs := srv.Comments(8); len(cs) != 1 || cs[0].Edits != 0 {
		t.Errorf("comments %+v, want one, never edited", cs)
	}
	for _, r := range requests(srv) {
		if strings.HasPrefix(r, "PATCH") {
			t.Errorf("sent %s for a comment that says the same", r)
		}
	}
	changed, err := c.UpsertComment(ctx, repo, 8, "", "something else")
	if err != nil || changed.Unchanged || srv.Comments(8)[0].Edits != 1 {
		t.Errorf("a changed body: %+v, %v, comments %+v", changed, err, srv.Comments(8))
	}
}

// TestOnlyPillarsCommentIsEdited: a comment that starts with the marker
// is pillar's only when a bot wrote it, or the user of the token.
func TestOnlyPillarsCommentIsEdited(t *testing.T) {
	t.Run("a person's", func(t *testing.T) {
		srv := newServer(t, "")
		theirs := srv.AddComment(repo, 4, github.Marker+"\nI copied pillar's comment")
		c := newClient(t, srv, &sleeper{})
		res, err := c.UpsertComment(context.Background(), repo, 4, "", "pillar's")
		if err != nil {
			t.Fatal(err)
		}
		if !res.Created || res.ID == theirs {
			t.Errorf("got %+v: the person's comment %d was taken for pillar's", res, theirs)
		}
		if cs := srv.Comments(4); len(cs) != 2 || cs[0].Edits != 0 || cs[1].Login != "github-actions[bot]" {
			t.Errorf("comments %+v", cs)
		}
		// The workflow's token has no user: GitHub refuses to say, once.
		if n := strings.Count(strings.Join(requests(srv), "\n"), "GET /user"); n != 1 {
			t.Errorf("asked for the token's user %d times, want once", n)
		}
	})
	t.Run("a personal access token's", func(t *testing.T) {
		srv := newServer(t, "")
		srv.Login, srv.UserType = "kari", "User"
		srv.AddComment(repo, 4, github.Marker+"\nsomeone else's")
		mine := srv.AddCommentBy(repo, 4, "kari", "User", github.Marker+"\nan earlier run with kari's token")
		c := newClient(t, srv, &sleeper{})
		res, err := c.UpsertComment(context.Background(), repo, 4, "", "pillar's")
		if err != nil {
			t.Fatal(err)
		}
		if res.Created || res.ID != mine {
			t.Errorf("got %+v, want kari's comment %d edited", res, mine)
		}
	})
}

func TestCommentKeysKeepSeparateComments(t *testing.T) {
	srv := newServer(t, "")
	c := newClient(t, srv, &sleeper{})
	ctx := context.Background()
	for run := 1; run <= 2; run++ {
		for _, key := range []string{"", "brands", "brands-nordics"} {
			if _, err := c.UpsertComment(ctx, repo, 9, key, fmt.Sprintf("%s run %d", key, run)); err != nil {
				t.Fatal(err)
			}
		}
	}
	cs := srv.Comments(9)
	want := []string{
		github.Marker + "\n run 2",
		"<!-- pillar:pr-comment brands -->\nbrands run 2",
		"<!-- pillar:pr-comment brands-nordics -->\nbrands-nordics run 2",
	}
	var got []string
	for _, c := range cs {
		got = append(got, c.Body)
		if c.Edits != 1 {
			t.Errorf("comment %q: %d edits, want 1", c.Body, c.Edits)
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("comments %q, want %q", got, want)
	}
	for _, bad := range []string{"two words", "a-->b", "-x", "x--y", strings.Repeat("k", 65), "ø"} {
		if err := github.CheckCommentKey(bad); err == nil {
			t.Errorf("key %q accepted", bad)
		}
		if _, err := c.UpsertComment(ctx, repo, 9, bad, "body"); err == nil {
			t.Errorf("UpsertComment took key %q", bad)
		}
	}
}

func TestUpdateCommentCreatesNone(t *testing.T) {
	srv := newServer(t, "")
	c := newClient(t, srv, &sleeper{})
	res, err := c.UpdateComment(context.Background(), repo, 4, "", "nothing changed")
	if err != nil || res.ID != 0 {
		t.Fatalf("got %+v, %v; want nothing done", res, err)
	}
	if n := len(srv.Comments(4)); n != 0 {
		t.Errorf("%d comments created", n)
	}
}

func annotations(n int) []*gh.CheckRunAnnotation {
	var out []*gh.CheckRunAnnotation
	for i := 0; i < n; i++ {
		out = append(out, &gh.CheckRunAnnotation{Path: gh.String("strategy.yaml"), StartLine: gh.Int(i + 1), EndLine: gh.Int(i + 1),
			AnnotationLevel: gh.String("failure"), Message: gh.String(fmt.Sprintf("finding %d", i)), Title: gh.String("rule")})
	}
	return out
}

func TestCheckRunAnnotationBatches(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want []int
	}{
		{0, []int{0}},
		{1, []int{1}},
		{50, []int{50}},
		{51, []int{50, 1}},
		{120, []int{50, 50, 20}},
	} {
		t.Run(strconv.Itoa(tc.n), func(t *testing.T) {
			srv := newServer(t, "")
			c := newClient(t, srv, &sleeper{})
			sha := strings.Repeat("ab", 20)
			res, err := c.CreateCheckRun(context.Background(), repo, github.CheckRun{
				Name: "Pillar", HeadSHA: sha, Conclusion: "failure", Title: "t", Summary: "s", Text: "x",
				Annotations: annotations(tc.n), CompletedAt: now,
			})
			if err != nil {
				t.Fatal(err)
			}
			runs := srv.CheckRuns()
			if len(runs) != 1 {
				t.Fatalf("%d check runs, want 1", len(runs))
			}
			run := runs[0]
			if fmt.Sprint(run.Batches) != fmt.Sprint(tc.want) || res.Requests != len(tc.want) {
				t.Errorf("batches %v in %d requests, want %v", run.Batches, res.Requests, tc.want)
			}
			if len(run.Annotations) != tc.n {
				t.Fatalf("%d annotations kept, want %d", len(run.Annotations), tc.n)
			}
			for i, a := range run.Annotations {
				if a.Message != fmt.Sprintf("finding %d", i) {
					t.Fatalf("annotation %d is %q: out of order or lost", i, a.Message)
				}
			}
			if run.Status != "completed" || run.Conclusion != "failure" || run.HeadSHA != sha || run.CompletedAt != "2027-03-01T12:00:00Z" {
				t.Errorf("check run %+v", run)
			}
			reqs := requests(srv)
			if !strings.HasPrefix(reqs[0], "POST /repos/octo/strategy/check-runs") {
				t.Errorf("first request %s", reqs[0])
			}
			for _, r := range reqs[1:] {
				if r != fmt.Sprintf("PATCH /repos/octo/strategy/check-runs/%d", res.ID) {
					t.Errorf("further request %s", r)
				}
			}
		})
	}
}

func TestRetryHonoursWhatGitHubAsks(t *testing.T) {
	reset := strconv.FormatInt(now.Add(90*time.Second).Unix(), 10)
	for _, tc := range []struct {
		name  string
		fault githubtest.Fault
		want  time.Duration
	}{
		{"429 Retry-After", githubtest.Fault{Status: 429, Header: http.Header{"Retry-After": {"7"}}}, 7 * time.Second},
		{"429 Retry-After date", githubtest.Fault{Status: 429, Header: http.Header{"Retry-After": {now.Add(20 * time.Second).Format(http.TimeFormat)}}}, 21 * time.Second},
		{"429 rate limit reset", githubtest.Fault{Status: 429, Header: http.Header{"X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {reset}}}, 91 * time.Second},
		// GitHub: without a header that says when, wait at least a minute.
		{"429 without a hint", githubtest.Fault{Status: 429}, time.Minute},
		{"403 Retry-After without documentation_url", githubtest.Fault{Status: 403, Header: http.Header{"Retry-After": {"12"}},
			Body: `{"message": "You have exceeded a secondary rate limit"}`}, 12 * time.Second},
		{"403 no requests remaining without documentation_url", githubtest.Fault{Status: 403, Header: http.Header{"X-Ratelimit-Remaining": {"0"}},
			Body: `{"message": "API rate limit exceeded"}`}, time.Minute},
		{"403 primary rate limit", githubtest.Fault{Status: 403, Header: http.Header{"X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {reset}},
			Body: `{"message": "API rate limit exceeded for installation"}`}, 91 * time.Second},
		{"403 secondary rate limit", githubtest.Fault{Status: 403, Header: http.Header{"Retry-After": {"30"}},
			Body: `{"message": "You have exceeded a secondary rate limit", "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`}, 30 * time.Second},
		{"403 secondary rate limit without Retry-After", githubtest.Fault{Status: 403,
			Body: `{"message": "You have exceeded a secondary rate limit", "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`}, time.Minute},
		{"502", githubtest.Fault{Status: 502}, time.Second},
		{"503 Retry-After", githubtest.Fault{Status: 503, Header: http.Header{"Retry-After": {"3"}}}, 3 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, "")
			srv.Fail("POST", "/check-runs", 1, tc.fault)
			s := &sleeper{}
			c := newClient(t, srv, s)
			_, err := c.CreateCheckRun(context.Background(), repo, github.CheckRun{Name: "Pillar", HeadSHA: strings.Repeat("a", 40),
				Conclusion: "success", Title: "t", Summary: "s", ExternalID: "run-1"})
			if err != nil {
				t.Fatalf("not retried: %v", err)
			}
			if fmt.Sprint(s.waits) != fmt.Sprint([]time.Duration{tc.want}) {
				t.Errorf("waited %v, want [%v]", s.waits, tc.want)
			}
			if n := len(srv.CheckRuns()); n != 1 {
				t.Errorf("%d check runs, want 1", n)
			}
		})
	}
}

func TestRateLimitWithoutHintWaitsMinutes(t *testing.T) {
	srv := newServer(t, "")
	srv.Fail("POST", "/check-runs", -1, githubtest.Fault{Status: 429})
	s := &sleeper{}
	c := newClient(t, srv, s)
	_, err := c.CreateCheckRun(context.Background(), repo, github.CheckRun{Name: "Pillar", HeadSHA: strings.Repeat("a", 40), Conclusion: "success", Title: "t", Summary: "s"})
	var ae *github.APIError
	if !errors.As(err, &ae) || !ae.RateLimited || !ae.GaveUp || github.IsForbidden(err) {
		t.Fatalf("err = %#v, want a rate limit given up on", err)
	}
	// Three waits of a minute fit the 3-minute budget; the fourth attempt
	// is the last.
	if fmt.Sprint(s.waits) != "[1m0s 1m0s 1m0s]" {
		t.Errorf("waits %v, want a minute before each retry", s.waits)
	}
	if !strings.Contains(err.Error(), "gave up after 4 attempts and 3m0s of waiting") {
		t.Errorf("error: %v", err)
	}
}

// TestForbiddenWithRetryAfterIsARateLimit: a 403 that says when to try
// again is a rate limit, whatever its documentation_url, not a refusal.
func TestForbiddenWithRetryAfterIsARateLimit(t *testing.T) {
	for _, h := range []http.Header{{"Retry-After": {"5"}}, {"X-Ratelimit-Remaining": {"0"}}} {
		srv := newServer(t, "")
		srv.Fail("POST", "/comments", -1, githubtest.Fault{Status: 403, Header: h, Body: `{"message": "slow down"}`})
		s := &sleeper{}
		c := newClient(t, srv, s)
		_, err := c.UpsertComment(context.Background(), repo, 5, "", "body")
		var ae *github.APIError
		if !errors.As(err, &ae) || !ae.RateLimited || github.IsForbidden(err) {
			t.Errorf("%v: err = %v, want a rate limit, not forbidden", h, err)
		}
		if len(s.waits) == 0 {
			t.Errorf("%v: not retried", h)
		}
	}
}

func TestPersistentServerErrorGivesUp(t *testing.T) {
	srv := newServer(t, "")
	srv.Fail("POST", "/check-runs", -1, githubtest.Fault{Status: 503, Body: `{"message": "unavailable; your token is ` + token + `"}`})
	s := &sleeper{}
	c := newClient(t, srv, s)
	_, err := c.CreateCheckRun(context.Background(), repo, github.CheckRun{Name: "Pillar", HeadSHA: strings.Repeat("a", 40), Conclusion: "success", Title: "t", Summary: "s",
		ExternalID: "run-1"})
	var ae *github.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want an *APIError", err)
	}
	if ae.Attempts != github.DefaultAttempts || !ae.GaveUp || ae.Status != 503 || github.IsForbidden(err) {
		t.Errorf("%+v", ae)
	}
	// Before each new attempt pillar looks for a check run the last one
	// may have created.
	if n := strings.Count(strings.Join(requests(srv), "\n"), "POST "); n != github.DefaultAttempts {
		t.Errorf("%d creates, want %d", n, github.DefaultAttempts)
	}
	if fmt.Sprint(s.waits) != "[1s 2s 4s]" {
		t.Errorf("waits %v, want [1s 2s 4s]", s.waits)
	}
	msg := err.Error()
	for _, want := range []string{"create the check run", "503 Service Unavailable", "gave up after 4 attempts and 7s of waiting", "POST " + srv.URL + "/repos/octo/strategy/check-runs"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, token) || !strings.Contains(msg, "[redacted]") {
		t.Errorf("the token is not redacted from %q", msg)
	}
}

// TestCheckRunCreateIsNotDoubled: GitHub created the check run, but the
// answer was lost to a gateway error. Pillar finds it by its external id
// instead of creating a second one, and adds the rest of the annotations
// to it.
func TestCheckRunCreateIsNotDoubled(t *testing.T) {
	srv := newServer(t, "")
	sha := strings.Repeat("b", 40)
	run := github.CheckRun{Name: "Pillar", HeadSHA: sha, Conclusion: "failure", Title: "t", Summary: "s", Annotations: annotations(60)}
	// An earlier workflow run's check run on the same commit is not it.
	earlier := run
	earlier.ExternalID, earlier.Annotations = "run-0", nil
	if _, err := newClient(t, srv, &sleeper{}).CreateCheckRun(context.Background(), repo, earlier); err != nil {
		t.Fatal(err)
	}
	srv.Fail("POST", "/check-runs", 1, githubtest.Fault{Status: 502, Applied: true})
	s := &sleeper{}
	run.ExternalID = "run-1"
	res, err := newClient(t, srv, s).CreateCheckRun(context.Background(), repo, run)
	if err != nil {
		t.Fatal(err)
	}
	runs := srv.CheckRuns()
	if len(runs) != 2 || runs[1].ExternalID != "run-1" || res.ID != runs[1].ID {
		t.Fatalf("check runs %+v, result %+v: want exactly one for this run", runs, res)
	}
	if fmt.Sprint(runs[1].Batches) != "[50 10]" || len(runs[1].Annotations) != 60 {
		t.Errorf("batches %v, want [50 10]", runs[1].Batches)
	}
	list := "GET /repos/octo/strategy/commits/" + sha + "/check-runs?check_name=Pillar&filter=all&per_page=100"
	want := []string{
		list, // none for run-1 yet
		"POST /repos/octo/strategy/check-runs",
		list,
		fmt.Sprintf("PATCH /repos/octo/strategy/check-runs/%d", res.ID),
	}
	if got := requests(srv)[2:]; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if fmt.Sprint(s.waits) != "[1s]" {
		t.Errorf("waits %v", s.waits)
	}
}

// TestCheckRunCreateIsRetriedWhenNotDone: the gateway failed before GitHub
// created anything; the create is sent again after looking.
func TestCheckRunCreateIsRetriedWhenNotDone(t *testing.T) {
	srv := newServer(t, "")
	srv.Fail("POST", "/check-runs", 1, githubtest.Fault{Status: 502})
	_, err := newClient(t, srv, &sleeper{}).CreateCheckRun(context.Background(), repo, github.CheckRun{Name: "Pillar", HeadSHA: strings.Repeat("b", 40),
		Conclusion: "success", Title: "t", Summary: "s", ExternalID: "run-1"})
	if err != nil || len(srv.CheckRuns()) != 1 {
		t.Fatalf("err %v, %d check runs; want one", err, len(srv.CheckRuns()))
	}
}

// TestCheckRunWithoutExternalIDIsNotCreatedTwice: without an external id
// pillar cannot tell its check run from others, so a create that may have
// been carried out is not sent again.
func TestCheckRunWithoutExternalIDIsNotCreatedTwice(t *testing.T) {
	srv := newServer(t, "")
	srv.Fail("POST", "/check-runs", 1, githubtest.Fault{Status: 502, Applied: true})
	s := &sleeper{}
	_, err := newClient(t, srv, s).CreateCheckRun(context.Background(), repo, github.CheckRun{Name: "Pillar", HeadSHA: strings.Repeat("b", 40),
		Conclusion: "success", Title: "t", Summary: "s"})
	var ae *github.APIError
	if !errors.As(err, &ae) || !ae.MayHaveActed || !strings.HasSuffix(err.Error(), "; not sent again, as GitHub may have carried it out") {
		t.Fatalf("err = %v", err)
	}
	if len(srv.CheckRuns()) != 1 || len(srv.Requests()) != 1 || len(s.waits) != 0 {
		t.Errorf("%d check runs after %d requests", len(srv.CheckRuns()), len(srv.Requests()))
	}
}

// TestAnnotationsAreNotSentTwice: an update adds its annotations to those
// already there, so one that GitHub may have carried out is not sent
// again; one refused for a rate limit is.
func TestAnnotationsAreNotSentTwice(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fault   githubtest.Fault
		batches string
		fails   bool
	}{
		{"server error after acting", githubtest.Fault{Status: 502, Applied: true}, "[50 50 20]", true},
		{"timeout after acting", githubtest.Fault{Status: 200, Applied: true, Delay: 2 * time.Second}, "[50 50 20]", true},
		{"rate limit", githubtest.Fault{Status: 429, Header: http.Header{"Retry-After": {"2"}}}, "[50 50 20]", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, "")
			srv.Fail("PATCH", "/check-runs/", 1, tc.fault)
			c := newClient(t, srv, &sleeper{}, func(o *github.Options) { o.Timeout = 200 * time.Millisecond })
			_, err := c.CreateCheckRun(context.Background(), repo, github.CheckRun{Name: "Pillar", HeadSHA: strings.Repeat("b", 40),
				Conclusion: "failure", Title: "t", Summary: "s", Annotations: annotations(120), ExternalID: "run-1"})
			if (err != nil) != tc.fails {
				t.Fatalf("err = %v", err)
			}
			if tc.fails && !strings.Contains(err.Error(), "add annotations to the check run: ") {
				t.Errorf("err = %v", err)
			}
			runs := srv.CheckRuns()
			want := tc.batches
			// The failed update was carried out and is not sent again;
			// the last batch still goes.
			if len(runs) != 1 || fmt.Sprint(runs[0].Batches) != want {
				t.Errorf("check runs %+v, want batches %s: no batch twice", runs, want)
			}
		})
	}
}

func TestCreateCommentLooksAgainBeforeRetrying(t *testing.T) {
	srv := newServer(t, "")
	srv.Fail("POST", "/issues/9/comments", 1, githubtest.Fault{Status: 502})
	s := &sleeper{}
	c := newClient(t, srv, s)
	if _, err := c.UpsertComment(context.Background(), repo, 9, "", "body"); err != nil {
		t.Fatal(err)
	}
	want := "GET /repos/octo/strategy/issues/9/comments?per_page=100\nPOST /repos/octo/strategy/issues/9/comments\n" +
		"GET /repos/octo/strategy/issues/9/comments?per_page=100\nPOST /repos/octo/strategy/issues/9/comments"
	if got := strings.Join(requests(srv), "\n"); got != want {
		t.Errorf("requests:\n%s\nwant\n%s", got, want)
	}
	if len(srv.Comments(9)) != 1 || fmt.Sprint(s.waits) != "[1s]" {
		t.Errorf("%d comments, waits %v", len(srv.Comments(9)), s.waits)
	}
}

func TestWaitBeyondBudgetGivesUpAtOnce(t *testing.T) {
	srv := newServer(t, "")
	srv.Fail("", "/comments", -1, githubtest.Fault{Status: 429, Header: http.Header{"Retry-After": {"3600"}}})
	s := &sleeper{}
	c := newClient(t, srv, s)
	_, err := c.UpsertComment(context.Background(), repo, 1, "", "body")
	if err == nil || len(s.waits) != 0 || len(srv.Requests()) != 1 {
		t.Fatalf("err %v, waits %v, %d requests: want one request and no wait", err, s.waits, len(srv.Requests()))
	}
	if !strings.Contains(err.Error(), "it asked to wait 1h0m0s, which would take pillar past the 3m0s it waits in all") {
		t.Errorf("error: %v", err)
	}
}

func TestTimeoutIsRetried(t *testing.T) {
	srv := newServer(t, "")
	srv.Fail("GET", "/comments", 1, githubtest.Fault{Status: 200, Delay: 2 * time.Second})
	s := &sleeper{}
	c := newClient(t, srv, s, func(o *github.Options) { o.Timeout = 100 * time.Millisecond })
	if _, err := c.UpsertComment(context.Background(), repo, 2, "", "body"); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(s.waits) != "[1s]" || len(srv.Comments(2)) != 1 {
		t.Errorf("waits %v, %d comments", s.waits, len(srv.Comments(2)))
	}
}

func TestDeadlineSaysWhy(t *testing.T) {
	srv := newServer(t, "")
	srv.Fail("GET", "/comments", -1, githubtest.Fault{Status: 200, Delay: 5 * time.Second})
	c := newClient(t, srv, &sleeper{})
	ctx, cancel := context.WithTimeoutCause(context.Background(), 50*time.Millisecond, errors.New("out of time: the test allows 50ms"))
	defer cancel()
	start := time.Now()
	_, err := c.UpsertComment(ctx, repo, 2, "", "body")
	if err == nil || err.Error() != "list the pull request's comments: out of time: the test allows 50ms" {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %s: the deadline did not stop the request", d)
	}
}

func TestForbiddenIsNotRetried(t *testing.T) {
	srv := newServer(t, "")
	srv.Fail("POST", "/comments", -1, githubtest.Fault{Status: 403, Body: `{"message": "Resource not accessible by integration", "documentation_url": "https://docs.github.com/rest/issues/comments#create-an-issue-comment"}`})
	s := &sleeper{}
	c := newClient(t, srv, s)
	_, err := c.UpsertComment(context.Background(), repo, 5, "", "body")
	if !github.IsForbidden(err) {
		t.Fatalf("err = %v, want forbidden", err)
	}
	if !strings.Contains(err.Error(), "403 Forbidden (Resource not accessible by integration)") {
		t.Errorf("error: %v", err)
	}
	if len(s.waits) != 0 || len(srv.Requests()) != 2 {
		t.Errorf("waits %v, %d requests: a refusal is final", s.waits, len(srv.Requests()))
	}
}

func TestBadCredentials(t *testing.T) {
	srv := newServer(t, "")
	s := &sleeper{}
	c := newClient(t, srv, s, func(o *github.Options) { o.Token = "ghs_wrongToken12345" })
	_, err := c.UpsertComment(context.Background(), repo, 5, "", "body")
	if err == nil || !strings.Contains(err.Error(), "401 Unauthorized (Bad credentials)") || github.IsForbidden(err) || len(s.waits) != 0 {
		t.Errorf("err = %v, waits %v", err, s.waits)
	}
}

func TestEnterpriseBaseURL(t *testing.T) {
	srv := newServer(t, "/api/v3")
	for _, api := range []string{srv.URL, srv.URL + "/"} {
		c := newClient(t, srv, &sleeper{}, func(o *github.Options) { o.APIURL = api })
		if c.BaseURL() != srv.URL+"/" {
			t.Errorf("BaseURL() = %s", c.BaseURL())
		}
		if _, err := c.UpsertComment(context.Background(), repo, 11, "", "hello"); err != nil {
			t.Fatalf("APIURL %s: %v", api, err)
		}
		if _, err := c.CreateCheckRun(context.Background(), repo, github.CheckRun{Name: "Pillar", HeadSHA: strings.Repeat("c", 40),
			Conclusion: "neutral", Title: "t", Summary: "s", Annotations: annotations(60)}); err != nil {
			t.Fatalf("APIURL %s: %v", api, err)
		}
	}
	if n := len(srv.Comments(11)); n != 1 {
		t.Errorf("%d comments, want 1", n)
	}
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/api/") {
			t.Errorf("request to %s: the prefix was doubled", r.Path)
		}
	}
	// The root without /api/v3 is not the API: the address is used as
	// given, not guessed at.
	c := newClient(t, srv, &sleeper{}, func(o *github.Options) { o.APIURL = strings.TrimSuffix(srv.URL, "/api/v3") })
	if _, err := c.UpsertComment(context.Background(), repo, 11, "", "hello"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("err = %v, want 404", err)
	}
}

func TestBadAPIURL(t *testing.T) {
	for _, u := range []string{"ghe.example.com/api/v3", "ftp://ghe.example.com", "https://", "https://ghe.example.com/api/v3?x=1"} {
		if _, err := github.NewClient(github.Options{APIURL: u}); err == nil {
			t.Errorf("%s: accepted", u)
		}
	}
}

// failTransport fails every request: a dry run must not send any.
type failTransport struct{ t *testing.T }

func (f failTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("a dry run sent %s %s", r.Method, r.URL)
	return nil, errors.New("sent")
}

func TestDryRunPrintsRequestsWithoutSending(t *testing.T) {
	var out bytes.Buffer
	c, err := github.NewClient(github.Options{Token: token, APIURL: "https://ghe.example.com/api/v3", DryRun: &out, Transport: failTransport{t},
		Sleep: (&sleeper{}).sleep})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.UpsertComment(ctx, repo, 12, "", "the body, with the token "+token); err != nil {
		t.Fatal(err)
	}
	res, err := c.CreateCheckRun(ctx, repo, github.CheckRun{Name: "Pillar", HeadSHA: strings.Repeat("d", 40), Conclusion: "failure",
		Title: "t", Summary: "s", Annotations: annotations(70)})
	if err != nil || res.Requests != 2 {
		t.Fatalf("%+v, %v", res, err)
	}
	got := out.String()
	for _, want := range []string{
		"GET https://ghe.example.com/api/v3/repos/octo/strategy/issues/12/comments?per_page=100\nAuthorization: [redacted]\n\n",
		"POST https://ghe.example.com/api/v3/repos/octo/strategy/issues/12/comments\nAuthorization: [redacted]\n{\n  \"body\": \"<!-- pillar:pr-comment -->\\nthe body, with the token [redacted]\"\n}\n",
		"POST https://ghe.example.com/api/v3/repos/octo/strategy/check-runs\n",
		"PATCH https://ghe.example.com/api/v3/repos/octo/strategy/check-runs/3\n",
		`"annotation_level": "failure"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, token) {
		t.Error("the dry run printed the token")
	}
	if n := strings.Count(got, `"annotation_level"`); n != 70 {
		t.Errorf("%d annotations printed, want 70", n)
	}
}
