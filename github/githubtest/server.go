// Package githubtest is a fake GitHub REST API for tests: the few
// endpoints pillar uses (issue comments, check runs and their
// annotations, pull request reviews and review comments, the token's
// user),
// kept in memory, with
// every request recorded and failures on demand. It checks requests the
// way GitHub does where pillar could get them wrong: the token, at most 50
// annotations a request, the fields an annotation needs.
package githubtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a running fake API. Its methods are safe to call while
// requests are served.
type Server struct {
	// URL is the API root to give the client: the server's address plus
	// the prefix it was started with, without a trailing slash.
	URL string
	// Token, when set, is the token every request must carry; others get
	// 401 Bad credentials.
	Token string
	// Login and UserType name who the token acts for, and so who writes
	// the comments it creates. Empty means "github-actions[bot]" and
	// "Bot", as for a workflow's GITHUB_TOKEN, which has no user: GET
	// /user answers 403 then. "User" stands for a personal access token.
	Login, UserType string

	srv    *httptest.Server
	prefix string

	mu        sync.Mutex
	requests  []Request
	comments  []*Comment
	checkRuns []*CheckRun
	nextID    int64
	faults    []*fault

	// Pull request reviews (reviews.go).
	reviews        []*Review
	reviewComments []*ReviewComment
	diff           map[string]map[int]bool // "repo#pr:path" → lines in the diff
}

// Request is one request the server received.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is the URL path without the prefix, e.g.
	// /repos/o/r/issues/7/comments.
	Path string
	// Query is the raw query string.
	Query string
	// Authorization is the Authorization header as sent.
	Authorization string
	// Body is the request body.
	Body []byte
}

// Comment is an issue comment held by the server.
type Comment struct {
	// ID is the comment's id.
	ID int64
	// Repo is owner/name.
	Repo string
	// Issue is the pull request's number.
	Issue int
	// Body is the current text.
	Body string
	// Login and UserType are the author's login and account type ("User"
	// or "Bot").
	Login, UserType string
	// Edits counts the edits since it was created.
	Edits int
}

// CheckRun is a check run held by the server, with every annotation it
// was given.
type CheckRun struct {
	// ID is the check run's id.
	ID int64
	// Repo is owner/name.
	Repo string
	// Name, HeadSHA and ExternalID are as created.
	Name, HeadSHA, ExternalID string
	// Status and Conclusion are the latest sent.
	Status, Conclusion string
	// CompletedAt is the completion time as sent.
	CompletedAt string
	// Title, Summary and Text are the latest output.
	Title, Summary, Text string
	// Annotations are all annotations sent, in order.
	Annotations []Annotation
	// Batches is the number of annotations each request carried, in order.
	Batches []int
}

// Annotation is a check-run annotation as sent; its fields are GitHub's.
type Annotation struct {
	Path            string `json:"path"`
	StartLine       int    `json:"start_line"`
	EndLine         int    `json:"end_line"`
	StartColumn     int    `json:"start_column,omitempty"`
	EndColumn       int    `json:"end_column,omitempty"`
	AnnotationLevel string `json:"annotation_level"`
	Message         string `json:"message"`
	Title           string `json:"title,omitempty"`
}

// Fault is an answer to give instead of the real one.
type Fault struct {
	// Status is the HTTP status, e.g. 503.
	Status int
	// Header is added to the answer, e.g. Retry-After.
	Header http.Header
	// Body is the answer's body; empty means {"message": <status text>}.
	Body string
	// Delay holds the answer back this long, for timeouts.
	Delay time.Duration
	// Applied carries the request out before the delay and the fault, as
	// when GitHub acted but the answer was lost to a gateway error or a
	// timeout.
	Applied bool
}

type fault struct {
	method, path string
	times        int // -1: forever
	Fault
}

// NewServer starts a fake API whose root is prefix ("" for github.com,
// "/api/v3" for GitHub Enterprise Server). It is closed when the test
// ends.
func NewServer(t testing.TB, prefix string) *Server {
	t.Helper()
	s := &Server{prefix: strings.TrimRight(prefix, "/")}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL + s.prefix
	t.Cleanup(s.srv.Close)
	return s
}

// Fail makes the next times requests (-1: all) with this method whose path
// (without the prefix) contains path get the fault instead of an answer.
func (s *Server) Fail(method, path string, times int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{method: method, path: path, times: times, Fault: f})
}

// AddComment adds a comment to pull request issue of repo, as if a person
// ("octocat") had written it, and returns its id.
func (s *Server) AddComment(repo string, issue int, body string) int64 {
	return s.AddCommentBy(repo, issue, "octocat", "User", body)
}

// AddCommentBy adds a comment to pull request issue of repo written by
// login, whose account type is userType ("User" or "Bot"), and returns its
// id.
func (s *Server) AddCommentBy(repo string, issue int, login, userType, body string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	s.comments = append(s.comments, &Comment{ID: s.nextID, Repo: repo, Issue: issue, Body: body, Login: login, UserType: userType})
	return s.nextID
}

// self is who the token acts for.
func (s *Server) self() (login, userType string) {
	if s.Login == "" {
		return "github-actions[bot]", "Bot"
	}
	return s.Login, s.UserType
}

// Requests returns every request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Comments returns the comments on pull request issue, oldest first.
func (s *Server) Comments(issue int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Comment
	for _, c := range s.comments {
		if c.Issue == issue {
			out = append(out, *c)
		}
	}
	return out
}

// CheckRuns returns the check runs created, in order.
func (s *Server) CheckRuns() []CheckRun {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []CheckRun
	for _, c := range s.checkRuns {
		cp := *c
		cp.Annotations = append([]Annotation(nil), c.Annotations...)
		cp.Batches = append([]int(nil), c.Batches...)
		out = append(out, cp)
	}
	return out
}

var (
	listComments = regexp.MustCompile(`^/repos/([^/]+/[^/]+)/issues/(\d+)/comments$`)
	editComment  = regexp.MustCompile(`^/repos/([^/]+/[^/]+)/issues/comments/(\d+)$`)
	createRun    = regexp.MustCompile(`^/repos/([^/]+/[^/]+)/check-runs$`)
	updateRun    = regexp.MustCompile(`^/repos/([^/]+/[^/]+)/check-runs/(\d+)$`)
	runsForRef   = regexp.MustCompile(`^/repos/([^/]+/[^/]+)/commits/([^/]+)/check-runs$`)
	runAnns      = regexp.MustCompile(`^/repos/([^/]+/[^/]+)/check-runs/(\d+)/annotations$`)
)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	path, ok := strings.CutPrefix(r.URL.Path, s.prefix)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: path, Query: r.URL.RawQuery,
		Authorization: r.Header.Get("Authorization"), Body: body})
	if !ok || (s.prefix != "" && !strings.HasPrefix(path, "/")) {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
		return
	}
	for _, f := range s.faults {
		if f.times != 0 && (f.method == "" || f.method == r.Method) && strings.Contains(path, f.path) {
			if f.times > 0 {
				f.times--
			}
			if f.Applied {
				s.handle(httptest.NewRecorder(), r, path, body)
			}
			if f.Delay > 0 {
				s.mu.Unlock()
				select {
				case <-time.After(f.Delay):
				case <-r.Context().Done():
				}
				s.mu.Lock()
			}
			for k, v := range f.Header {
				w.Header()[k] = v
			}
			if f.Body == "" {
				writeJSON(w, f.Status, map[string]any{"message": http.StatusText(f.Status)})
			} else {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(f.Status)
				io.WriteString(w, f.Body)
			}
			return
		}
	}
	if s.Token != "" && r.Header.Get("Authorization") != "Bearer "+s.Token && r.Header.Get("Authorization") != "token "+s.Token {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Bad credentials"})
		return
	}
	s.handle(w, r, path, body)
}

// handle answers a request as GitHub would; s.mu is held.
func (s *Server) handle(w http.ResponseWriter, r *http.Request, path string, body []byte) {
	switch m := match(r.Method, path); {
	case m.method == "GET" && m.path == "/user":
		login, typ := s.self()
		if typ == "Bot" {
			writeJSON(w, http.StatusForbidden, map[string]any{"message": "Resource not accessible by integration"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"login": login, "type": typ})
	case m.is("GET", listComments):
		s.listComments(w, r, m.args[0], atoi(m.args[1]))
	case m.is("POST", listComments):
		var in struct{ Body string }
		if json.Unmarshal(body, &in) != nil || in.Body == "" {
			invalid(w, "body is missing")
			return
		}
		if len([]rune(in.Body)) > 65536 {
			invalid(w, "body is too long (maximum is 65536 characters)")
			return
		}
		s.nextID++
		login, typ := s.self()
		c := &Comment{ID: s.nextID, Repo: m.args[0], Issue: atoi(m.args[1]), Body: in.Body, Login: login, UserType: typ}
		s.comments = append(s.comments, c)
		writeJSON(w, http.StatusCreated, s.commentJSON(c))
	case m.is("PATCH", editComment):
		var in struct{ Body string }
		if json.Unmarshal(body, &in) != nil || in.Body == "" {
			invalid(w, "body is missing")
			return
		}
		id := int64(atoi(m.args[1]))
		for _, c := range s.comments {
			if c.ID == id && c.Repo == m.args[0] {
				c.Body = in.Body
				c.Edits++
				writeJSON(w, http.StatusOK, s.commentJSON(c))
				return
			}
		}
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
	case m.is("DELETE", editComment):
		id := int64(atoi(m.args[1]))
		for i, c := range s.comments {
			if c.ID == id && c.Repo == m.args[0] {
				s.comments = append(s.comments[:i], s.comments[i+1:]...)
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
	case m.is("GET", runsForRef):
		s.listRuns(w, r, m.args[0], m.args[1])
	case m.is("GET", runAnns):
		s.listAnnotations(w, r, m.args[0], int64(atoi(m.args[1])))
	case m.is("POST", createRun):
		var in runJSON
		if err := json.Unmarshal(body, &in); err != nil || in.Name == "" || in.HeadSHA == "" {
			invalid(w, "name and head_sha are required")
			return
		}
		if msg := in.check(); msg != "" {
			invalid(w, msg)
			return
		}
		s.nextID++
		run := &CheckRun{ID: s.nextID, Repo: m.args[0], Name: in.Name, HeadSHA: in.HeadSHA, ExternalID: in.ExternalID,
			Status: in.Status, Conclusion: in.Conclusion, CompletedAt: in.CompletedAt}
		run.apply(in)
		s.checkRuns = append(s.checkRuns, run)
		writeJSON(w, http.StatusCreated, s.runJSON(run))
	case m.is("PATCH", updateRun):
		var in runJSON
		if err := json.Unmarshal(body, &in); err != nil {
			invalid(w, "not JSON")
			return
		}
		if msg := in.check(); msg != "" {
			invalid(w, msg)
			return
		}
		id := int64(atoi(m.args[1]))
		for _, run := range s.checkRuns {
			if run.ID == id && run.Repo == m.args[0] {
				if in.Status != "" {
					run.Status = in.Status
				}
				if in.Conclusion != "" {
					run.Conclusion = in.Conclusion
				}
				run.apply(in)
				writeJSON(w, http.StatusOK, s.runJSON(run))
				return
			}
		}
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
	default:
		if s.handleReview(w, r, path, body) {
			return
		}
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found",
			"documentation_url": "https://docs.github.com/rest"})
	}
}

// runJSON is the body of a request to create or update a check run.
type runJSON struct {
	Name        string `json:"name"`
	HeadSHA     string `json:"head_sha"`
	ExternalID  string `json:"external_id"`
	Status      string `json:"status"`
	Conclusion  string `json:"conclusion"`
	CompletedAt string `json:"completed_at"`
	Output      *struct {
		Title       *string      `json:"title"`
		Summary     *string      `json:"summary"`
		Text        *string      `json:"text"`
		Annotations []Annotation `json:"annotations"`
	} `json:"output"`
}

// check finds what GitHub would refuse with 422.
func (in runJSON) check() string {
	if in.Status == "completed" && in.Conclusion == "" {
		return "conclusion is required when status is completed"
	}
	if in.Output == nil {
		return ""
	}
	o := in.Output
	if o.Title == nil || o.Summary == nil {
		return "output.title and output.summary are required"
	}
	for _, s := range []*string{o.Title, o.Summary, o.Text} {
		if s != nil && len([]rune(*s)) > 65535 {
			return "output text is too long (maximum is 65535 characters)"
		}
	}
	if len(o.Annotations) > 50 {
		return fmt.Sprintf("at most 50 annotations per request, got %d", len(o.Annotations))
	}
	for i, a := range o.Annotations {
		switch {
		case a.Path == "" || a.StartLine < 1 || a.EndLine < a.StartLine || a.Message == "":
			return fmt.Sprintf("annotation %d lacks path, start_line, end_line or message", i)
		case a.AnnotationLevel != "notice" && a.AnnotationLevel != "warning" && a.AnnotationLevel != "failure":
			return fmt.Sprintf("annotation %d: annotation_level %q is not notice, warning or failure", i, a.AnnotationLevel)
		case (a.StartColumn != 0 || a.EndColumn != 0) && a.StartLine != a.EndLine:
			return fmt.Sprintf("annotation %d: columns are only allowed on one line", i)
		}
	}
	return ""
}

func (run *CheckRun) apply(in runJSON) {
	if in.Output == nil {
		return
	}
	run.Title, run.Summary = *in.Output.Title, *in.Output.Summary
	if in.Output.Text != nil {
		run.Text = *in.Output.Text
	}
	run.Annotations = append(run.Annotations, in.Output.Annotations...)
	run.Batches = append(run.Batches, len(in.Output.Annotations))
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request, repo string, issue int) {
	perPage, page := 30, 1
	if v := atoi(r.URL.Query().Get("per_page")); v > 0 {
		perPage = min(v, 100)
	}
	if v := atoi(r.URL.Query().Get("page")); v > 0 {
		page = v
	}
	var all []*Comment
	for _, c := range s.comments {
		if c.Repo == repo && c.Issue == issue {
			all = append(all, c)
		}
	}
	last := max(1, (len(all)+perPage-1)/perPage)
	from, to := min((page-1)*perPage, len(all)), min(page*perPage, len(all))
	out := []map[string]any{}
	for _, c := range all[from:to] {
		out = append(out, s.commentJSON(c))
	}
	link := func(p int, rel string) string {
		return fmt.Sprintf(`<%s%s/repos/%s/issues/%d/comments?per_page=%d&page=%d>; rel="%s"`, s.srv.URL, s.prefix, repo, issue, perPage, p, rel)
	}
	var links []string
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"), link(page-1, "prev"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	writeJSON(w, http.StatusOK, out)
}

// listRuns answers GET /repos/{repo}/commits/{ref}/check-runs: the check
// runs on commit ref (a full commit id here), newest first, filtered by
// check_name, on one page.
func (s *Server) listRuns(w http.ResponseWriter, r *http.Request, repo, ref string) {
	name := r.URL.Query().Get("check_name")
	out := []map[string]any{}
	for i := len(s.checkRuns) - 1; i >= 0; i-- {
		run := s.checkRuns[i]
		if run.Repo == repo && run.HeadSHA == ref && (name == "" || run.Name == name) {
			out = append(out, s.runJSON(run))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"total_count": len(out), "check_runs": out})
}

// listAnnotations answers GET /repos/{repo}/check-runs/{id}/annotations:
// the annotations check run id was given, in order, a page at a time
// (per_page, default 30, at most 100) with a Link header to the next.
func (s *Server) listAnnotations(w http.ResponseWriter, r *http.Request, repo string, id int64) {
	var run *CheckRun
	for _, c := range s.checkRuns {
		if c.ID == id && c.Repo == repo {
			run = c
		}
	}
	if run == nil {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
		return
	}
	perPage, page := 30, 1
	if v := atoi(r.URL.Query().Get("per_page")); v > 0 {
		perPage = min(v, 100)
	}
	if v := atoi(r.URL.Query().Get("page")); v > 0 {
		page = v
	}
	all := run.Annotations
	from, to := min((page-1)*perPage, len(all)), min(page*perPage, len(all))
	if to < len(all) {
		w.Header().Set("Link", fmt.Sprintf(`<%s%s/repos/%s/check-runs/%d/annotations?per_page=%d&page=%d>; rel="next"`,
			s.srv.URL, s.prefix, repo, id, perPage, page+1))
	}
	out := append([]Annotation{}, all[from:to]...)
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) commentJSON(c *Comment) map[string]any {
	return map[string]any{"id": c.ID, "body": c.Body, "user": map[string]any{"login": c.Login, "type": c.UserType},
		"html_url": fmt.Sprintf("https://github.example/%s/pull/%d#issuecomment-%d", c.Repo, c.Issue, c.ID)}
}

func (s *Server) runJSON(run *CheckRun) map[string]any {
	return map[string]any{"id": run.ID, "name": run.Name, "head_sha": run.HeadSHA, "external_id": run.ExternalID, "status": run.Status,
		"conclusion": run.Conclusion, "html_url": fmt.Sprintf("https://github.example/%s/runs/%d", run.Repo, run.ID)}
}

type matched struct {
	method, path string
	args         []string
}

func match(method, path string) matched { return matched{method: method, path: path} }

func (m *matched) is(method string, re *regexp.Regexp) bool {
	if m.method != method {
		return false
	}
	sub := re.FindStringSubmatch(m.path)
	if sub == nil {
		return false
	}
	m.args = sub[1:]
	return true
}

func invalid(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "Validation Failed",
		"errors": []map[string]any{{"resource": "Request", "code": "invalid", "message": msg}}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
