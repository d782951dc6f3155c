package github_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	gh "github.com/google/go-github/v60/github"

	"github.com/pillar-strategy/pillar/github"
	"github.com/pillar-strategy/pillar/github/githubtest"
)

// TestCheckRunIsOnePerExternalID: a second invocation with the same
// external id (the same workflow run, attempt and comment key) updates the
// check run the first made instead of creating another, and sends only the
// annotations it lacks: GitHub appends those an update carries.
func TestCheckRunIsOnePerExternalID(t *testing.T) {
	srv := newServer(t, "")
	sha := strings.Repeat("b", 40)
	first := github.CheckRun{Name: "Pillar", HeadSHA: sha, Conclusion: "failure", Title: "120 errors", Summary: "s1", Text: "t1",
		Annotations: annotations(120), ExternalID: "pillar/77/1"}
	// Another workflow run's check run on the same commit is not it.
	other := first
	other.ExternalID, other.Annotations = "pillar/76/1", nil
	for _, run := range []github.CheckRun{other, first} {
		if _, err := newClient(t, srv, &sleeper{}).CreateCheckRun(context.Background(), repo, run); err != nil {
			t.Fatal(err)
		}
	}
	// The second invocation finds 115 of the first's annotations again,
	// and 7 new ones; 5 of the first's are gone.
	second := first
	second.Conclusion, second.Title, second.Summary, second.Text = "neutral", "122 warnings", "s2", "t2"
	second.Annotations = append(annotations(120)[5:], moreAnnotations(7)...)
	res, err := newClient(t, srv, &sleeper{}).CreateCheckRun(context.Background(), repo, second)
	if err != nil {
		t.Fatal(err)
	}
	runs := srv.CheckRuns()
	if len(runs) != 2 {
		t.Fatalf("%d check runs, want the other run's and this run's", len(runs))
	}
	got := runs[1]
	if got.ExternalID != "pillar/77/1" || got.Conclusion != "neutral" || got.Title != "122 warnings" || got.Summary != "s2" || got.Text != "t2" || got.Status != "completed" {
		t.Errorf("the check run was not updated: %+v", got)
	}
	if fmt.Sprint(got.Batches) != "[50 50 20 7]" || len(got.Annotations) != 127 {
		t.Errorf("batches %v: want the first's three and one of the 7 missing", got.Batches)
	}
	want := github.CheckRunResult{ID: got.ID, URL: res.URL, Requests: 1, Annotations: 122, Updated: true, Kept: 5}
	if res != want {
		t.Errorf("result %+v, want %+v", res, want)
	}
	// 120 annotations are listed in two pages of 100 before the update.
	reqs := requests(srv)
	tail := strings.Join(reqs[len(reqs)-4:], "\n")
	wantTail := strings.Join([]string{
		"GET /repos/octo/strategy/commits/" + sha + "/check-runs?check_name=Pillar&filter=all&per_page=100",
		fmt.Sprintf("GET /repos/octo/strategy/check-runs/%d/annotations?per_page=100", got.ID),
		fmt.Sprintf("GET /repos/octo/strategy/check-runs/%d/annotations?page=2&per_page=100", got.ID),
		fmt.Sprintf("PATCH /repos/octo/strategy/check-runs/%d", got.ID),
	}, "\n")
	if tail != wantTail {
		t.Errorf("requests:\n%s\nwant\n%s", tail, wantTail)
	}

	// A third invocation that finds the same again sends no annotation.
	res, err = newClient(t, srv, &sleeper{}).CreateCheckRun(context.Background(), repo, second)
	if err != nil || !res.Updated || res.Requests != 1 || res.Annotations != 122 || res.Kept != 5 {
		t.Fatalf("%+v, %v", res, err)
	}
	if runs := srv.CheckRuns(); len(runs) != 2 || fmt.Sprint(runs[1].Batches) != "[50 50 20 7 0]" {
		t.Errorf("check runs %+v", runs)
	}
}

func moreAnnotations(n int) []*gh.CheckRunAnnotation {
	out := annotations(n)
	for _, a := range out {
		a.Message = gh.String("new " + a.GetMessage())
	}
	return out
}

// TestCheckRunCreateCutByDeadline: a create that the deadline cut short
// may have been carried out; the result says the check run may exist.
// One that was never sent says nothing of the kind.
func TestCheckRunCreateCutByDeadline(t *testing.T) {
	for _, tc := range []struct {
		name     string
		delay    time.Duration
		mayExist bool
	}{
		{"cut while GitHub worked on it", 5 * time.Second, true},
		{"deadline passed before it was sent", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, "")
			srv.Fail("POST", "/check-runs", 1, githubtest.Fault{Status: 201, Applied: true, Delay: tc.delay})
			if tc.delay == 0 {
				srv.Fail("GET", "/check-runs", 1, githubtest.Fault{Status: 200, Delay: 5 * time.Second})
			}
			ctx, cancel := context.WithTimeoutCause(context.Background(), 200*time.Millisecond, errors.New("out of time: the test allows 200ms"))
			defer cancel()
			res, err := newClient(t, srv, &sleeper{}).CreateCheckRun(ctx, repo, github.CheckRun{Name: "Pillar", HeadSHA: strings.Repeat("b", 40),
				Conclusion: "failure", Title: "t", Summary: "s", Annotations: annotations(70), ExternalID: "pillar/77/1"})
			if err == nil || !strings.Contains(err.Error(), "out of time: the test allows 200ms") || res.ID != 0 {
				t.Fatalf("%+v, %v", res, err)
			}
			if res.MayExist != tc.mayExist {
				t.Errorf("MayExist = %v, want %v", res.MayExist, tc.mayExist)
			}
			if runs := srv.CheckRuns(); len(runs) != map[bool]int{true: 1}[tc.mayExist] {
				t.Errorf("%d check runs", len(runs))
			}
		})
	}
}

// TestDryRunLooksForTheCheckRun: in a dry run the look for an earlier
// check run finds none, and the create follows.
func TestDryRunLooksForTheCheckRun(t *testing.T) {
	var out bytes.Buffer
	c, err := github.NewClient(github.Options{Token: token, DryRun: &out, Transport: failTransport{t}, Sleep: (&sleeper{}).sleep})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.CreateCheckRun(context.Background(), repo, github.CheckRun{Name: "Pillar", HeadSHA: strings.Repeat("d", 40), Conclusion: "success",
		Title: "t", Summary: "s", ExternalID: "pillar/77/1"})
	if err != nil || res.Updated || res.Requests != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	want := "GET https://api.github.com/repos/octo/strategy/commits/" + strings.Repeat("d", 40) + "/check-runs?check_name=Pillar&filter=all&per_page=100\n"
	if !strings.HasPrefix(out.String(), want) || !strings.Contains(out.String(), "\"external_id\": \"pillar/77/1\"") {
		t.Errorf("dry run:\n%s", out.String())
	}
}
