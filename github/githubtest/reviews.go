package githubtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
)

// Review is a pull request review held by the server.
type Review struct {
	// ID is the review's id.
	ID int64
	// Repo is owner/name, and PR the pull request's number.
	Repo string
	PR   int
	// CommitID, Body and Event are as created.
	CommitID, Body, Event string
	// Comments are the ids of the review comments it was created with.
	Comments []int64
}

// ReviewComment is a review comment (a comment on a line of the diff)
// held by the server.
type ReviewComment struct {
	// ID is the comment's id, and ReviewID the review it came with.
	ID, ReviewID int64
	// Repo is owner/name, and PR the pull request's number.
	Repo string
	PR   int
	// Path, Line, Side, StartLine and StartSide are as created.
	Path            string
	Line, StartLine int
	Side, StartSide string
	// Body is the current text.
	Body string
	// Login and UserType are the author's.
	Login, UserType string
	// Edits counts the edits since it was created.
	Edits int
}

var (
	createReview  = regexp.MustCompile(`^/repos/([^/]+/[^/]+)/pulls/(\d+)/reviews$`)
	reviewComms   = regexp.MustCompile(`^/repos/([^/]+/[^/]+)/pulls/(\d+)/comments$`)
	reviewComment = regexp.MustCompile(`^/repos/([^/]+/[^/]+)/pulls/comments/(\d+)$`)
)

// SetDiff says which lines of path the pull request's diff shows on its
// right side (changed lines and their context): GitHub refuses a review
// comment elsewhere with 422 "Line could not be resolved". A file with no
// lines set refuses every comment.
func (s *Server) SetDiff(repo string, pr int, path string, lines ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.diff == nil {
		s.diff = map[string]map[int]bool{}
	}
	k := fmt.Sprintf("%s#%d:%s", repo, pr, path)
	if s.diff[k] == nil {
		s.diff[k] = map[int]bool{}
	}
	for _, l := range lines {
		s.diff[k][l] = true
	}
}

// Reviews returns the reviews created on pull request pr, in order.
func (s *Server) Reviews(pr int) []Review {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Review
	for _, r := range s.reviews {
		if r.PR == pr {
			cp := *r
			cp.Comments = append([]int64(nil), r.Comments...)
			out = append(out, cp)
		}
	}
	return out
}

// ReviewComments returns the review comments on pull request pr, oldest
// first.
func (s *Server) ReviewComments(pr int) []ReviewComment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ReviewComment
	for _, c := range s.reviewComments {
		if c.PR == pr {
			out = append(out, *c)
		}
	}
	return out
}

// AddReviewCommentBy adds a review comment on line of path, written by
// login of account type userType, and returns its id.
func (s *Server) AddReviewCommentBy(repo string, pr int, path string, line int, login, userType, body string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	s.reviewComments = append(s.reviewComments, &ReviewComment{ID: s.nextID, Repo: repo, PR: pr, Path: path, Line: line, Side: "RIGHT",
		Body: body, Login: login, UserType: userType})
	return s.nextID
}

// draftJSON is a review comment in a request to create a review.
type draftJSON struct {
	Path      string `json:"path"`
	Body      string `json:"body"`
	Line      int    `json:"line"`
	Side      string `json:"side"`
	StartLine int    `json:"start_line"`
	StartSide string `json:"start_side"`
	Position  int    `json:"position"`
}

// handleReview answers the review endpoints; s.mu is held. It reports
// false for other requests.
func (s *Server) handleReview(w http.ResponseWriter, r *http.Request, path string, body []byte) bool {
	m := match(r.Method, path)
	switch {
	case m.is("POST", createReview):
		var in struct {
			CommitID string      `json:"commit_id"`
			Body     string      `json:"body"`
			Event    string      `json:"event"`
			Comments []draftJSON `json:"comments"`
		}
		if err := json.Unmarshal(body, &in); err != nil {
			invalid(w, "not JSON")
			return true
		}
		repo, pr := m.args[0], atoi(m.args[1])
		if msg := s.checkReview(repo, pr, in.Event, in.Body, in.Comments); msg != "" {
			invalid(w, msg)
			return true
		}
		s.nextID++
		rev := &Review{ID: s.nextID, Repo: repo, PR: pr, CommitID: in.CommitID, Body: in.Body, Event: in.Event}
		login, typ := s.self()
		for _, d := range in.Comments {
			s.nextID++
			s.reviewComments = append(s.reviewComments, &ReviewComment{ID: s.nextID, ReviewID: rev.ID, Repo: repo, PR: pr, Path: d.Path,
				Line: d.Line, Side: d.Side, StartLine: d.StartLine, StartSide: d.StartSide, Body: d.Body, Login: login, UserType: typ})
			rev.Comments = append(rev.Comments, s.nextID)
		}
		s.reviews = append(s.reviews, rev)
		writeJSON(w, http.StatusOK, map[string]any{"id": rev.ID, "state": "COMMENTED", "body": rev.Body, "commit_id": rev.CommitID,
			"html_url": fmt.Sprintf("https://github.example/%s/pull/%d#pullrequestreview-%d", repo, pr, rev.ID)})
	case m.is("GET", reviewComms):
		repo, pr := m.args[0], atoi(m.args[1])
		var all []map[string]any
		for _, c := range s.reviewComments {
			if c.Repo == repo && c.PR == pr {
				all = append(all, s.reviewCommentJSON(c))
			}
		}
		s.page(w, r, all, fmt.Sprintf("/repos/%s/pulls/%d/comments", repo, pr))
	case m.is("PATCH", reviewComment):
		var in struct{ Body string }
		if json.Unmarshal(body, &in) != nil || in.Body == "" {
			invalid(w, "body is missing")
			return true
		}
		for _, c := range s.reviewComments {
			if c.ID == int64(atoi(m.args[1])) && c.Repo == m.args[0] {
				c.Body = in.Body
				c.Edits++
				writeJSON(w, http.StatusOK, s.reviewCommentJSON(c))
				return true
			}
		}
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
	case m.is("DELETE", reviewComment):
		for i, c := range s.reviewComments {
			if c.ID == int64(atoi(m.args[1])) && c.Repo == m.args[0] {
				s.reviewComments = append(s.reviewComments[:i], s.reviewComments[i+1:]...)
				w.WriteHeader(http.StatusNoContent)
				return true
			}
		}
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
	default:
		return false
	}
	return true
}

// checkReview finds what GitHub would refuse with 422.
func (s *Server) checkReview(repo string, pr int, event, body string, comments []draftJSON) string {
	switch event {
	case "COMMENT", "REQUEST_CHANGES":
		if body == "" {
			return "body is required for a " + event + " review"
		}
	case "APPROVE", "":
	default:
		return fmt.Sprintf("event %q is not APPROVE, REQUEST_CHANGES or COMMENT", event)
	}
	for i, d := range comments {
		switch {
		case d.Path == "" || d.Body == "":
			return fmt.Sprintf("comment %d lacks path or body", i)
		case d.Position != 0:
			return fmt.Sprintf("comment %d uses the deprecated position", i)
		case d.Line < 1 || (d.Side != "RIGHT" && d.Side != "LEFT"):
			return fmt.Sprintf("comment %d needs line and side (RIGHT or LEFT)", i)
		case d.StartLine != 0 && (d.StartLine >= d.Line || d.StartSide == ""):
			return fmt.Sprintf("comment %d: start_line must come before line, with start_side", i)
		case len([]rune(d.Body)) > 65536:
			return fmt.Sprintf("comment %d is too long", i)
		}
		lines := s.diff[fmt.Sprintf("%s#%d:%s", repo, pr, d.Path)]
		first := d.Line
		if d.StartLine != 0 {
			first = d.StartLine
		}
		for l := first; l <= d.Line; l++ {
			if !lines[l] {
				return fmt.Sprintf("comment %d: Line could not be resolved (%s:%d is not in the diff)", i, d.Path, l)
			}
		}
	}
	return ""
}

func (s *Server) reviewCommentJSON(c *ReviewComment) map[string]any {
	out := map[string]any{"id": c.ID, "body": c.Body, "path": c.Path, "line": c.Line, "side": c.Side,
		"pull_request_review_id": c.ReviewID, "user": map[string]any{"login": c.Login, "type": c.UserType},
		"html_url": fmt.Sprintf("https://github.example/%s/pull/%d#discussion_r%d", c.Repo, c.PR, c.ID)}
	if c.StartLine != 0 {
		out["start_line"], out["start_side"] = c.StartLine, c.StartSide
	}
	return out
}

// page writes one page of a list (per_page, default 30, at most 100; page)
// with a Link header to the next, as GitHub paginates.
func (s *Server) page(w http.ResponseWriter, r *http.Request, all []map[string]any, path string) {
	perPage, page := 30, 1
	if v := atoi(r.URL.Query().Get("per_page")); v > 0 {
		perPage = min(v, 100)
	}
	if v := atoi(r.URL.Query().Get("page")); v > 0 {
		page = v
	}
	from, to := min((page-1)*perPage, len(all)), min(page*perPage, len(all))
	if to < len(all) {
		w.Header().Set("Link", fmt.Sprintf(`<%s%s%s?per_page=%d&page=%d>; rel="next"`, s.srv.URL, s.prefix, path, perPage, page+1))
	}
	out := append([]map[string]any{}, all[from:to]...)
	writeJSON(w, http.StatusOK, out)
}
