package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"

	gh "github.com/google/go-github/v60/github"
)

// Marker starts pillar's comment on a pull request. It is an HTML comment,
// so GitHub does not show it; pillar finds its own comment by it and edits
// that one instead of adding another.
const Marker = "<!-- pillar:pr-comment -->"

// MarkerFor is the marker of the comment with key: Marker for "", else
// "<!-- pillar:pr-comment KEY -->", so that jobs which check different
// folders of one repository keep a comment each.
func MarkerFor(key string) string {
	if key == "" {
		return Marker
	}
	return "<!-- pillar:pr-comment " + key + " -->"
}

var commentKey = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
})

// CheckCommentKey reports whether key can tell a comment apart: up to 64
// letters, digits, dots, dashes and underscores, starting with a letter or
// a digit, which keeps the marker a valid HTML comment.
func CheckCommentKey(key string) error {
	if key != "" && (!commentKey().MatchString(key) || strings.Contains(key, "--")) {
		return fmt.Errorf("%q is not a comment key: use up to 64 letters, digits, dots, dashes (not two in a row) and underscores, e.g. brands-nordics", key)
	}
	return nil
}

// maxCommentPages bounds the search for the marked comment: 100 pages of
// 100 comments.
const maxCommentPages = 100

// CommentResult says what UpsertComment did.
type CommentResult struct {
	// ID is the comment's id.
	ID int64
	// URL is the comment's address on GitHub, when GitHub gave it.
	URL string
	// Created reports whether the comment is new; false means an earlier
	// one was edited, or left as it was.
	Created bool
	// Unchanged reports whether the earlier comment already said the same
	// and was left alone.
	Unchanged bool
	// Removed is how many duplicates of the comment were deleted: runs
	// that overlapped can each have created one.
	Removed int
}

// UpsertComment makes body pillar's one comment with key on pull request
// number of repo (owner/name). It edits the comment that starts with
// MarkerFor(key), on whichever page of the comments, unless it already
// says body; it creates one when there is none; and it deletes any later
// duplicates. Only comments written by a bot (the GITHUB_TOKEN's
// github-actions, an app) or by the token's own user count as pillar's, so
// a person quoting the marker is never edited. The marker is put in front
// of body when body lacks it.
//
// When the comment is in place but a duplicate could not be deleted, the
// result is filled in and the error says so.
func (c *Client) UpsertComment(ctx context.Context, repo string, number int, key, body string) (CommentResult, error) {
	return c.putComment(ctx, repo, number, key, body, true)
}

// UpdateComment edits pillar's comment like UpsertComment when there is
// one, and creates none otherwise (the result's ID is then 0): for a pull
// request that no longer gives pillar anything to say.
func (c *Client) UpdateComment(ctx context.Context, repo string, number int, key, body string) (CommentResult, error) {
	return c.putComment(ctx, repo, number, key, body, false)
}

func (c *Client) putComment(ctx context.Context, repo string, number int, key, body string, create bool) (CommentResult, error) {
	owner, name, err := SplitRepo(repo)
	if err != nil {
		return CommentResult{}, err
	}
	if err := CheckCommentKey(key); err != nil {
		return CommentResult{}, err
	}
	marker := MarkerFor(key)
	if !hasMarker(body, marker) {
		body = marker + "\n" + body
	}
	body = Redact(body, c.opts.Token)
	for attempt := 1; ; attempt++ {
		mine, err := c.findComments(ctx, owner, name, number, marker)
		if err != nil {
			return CommentResult{}, err
		}
		if len(mine) > 0 {
			return c.keepFirst(ctx, owner, name, mine, body)
		}
		if !create {
			return CommentResult{}, nil
		}
		// A create is not simply sent again: an attempt that timed out or
		// met a server error may have created the comment all the same,
		// so the next attempt looks for it first.
		var out *gh.IssueComment
		err = c.once(ctx, func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
			var resp *gh.Response
			var err error
			out, resp, err = api.Issues.CreateComment(ctx, owner, name, number, &gh.IssueComment{Body: gh.String(body)})
			return resp, err
		})
		if err == nil {
			return CommentResult{ID: out.GetID(), URL: out.GetHTMLURL(), Created: true}, nil
		}
		if err := c.backOff(ctx, "create the pull-request comment", err, attempt); err != nil {
			return CommentResult{}, err
		}
	}
}

// keepFirst makes the oldest of pillar's comments say body, unless it
// does already, and deletes the others.
func (c *Client) keepFirst(ctx context.Context, owner, name string, mine []*gh.IssueComment, body string) (CommentResult, error) {
	first := mine[0]
	res := CommentResult{ID: first.GetID(), URL: first.GetHTMLURL(), Unchanged: first.GetBody() == body}
	if !res.Unchanged {
		var out *gh.IssueComment
		err := c.call(ctx, "edit the pull-request comment", func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
			var resp *gh.Response
			var err error
			out, resp, err = api.Issues.EditComment(ctx, owner, name, res.ID, &gh.IssueComment{Body: gh.String(body)})
			return resp, err
		})
		if err != nil {
			return CommentResult{}, err
		}
		if u := out.GetHTMLURL(); u != "" {
			res.URL = u
		}
	}
	for _, dup := range mine[1:] {
		err := c.call(ctx, "delete a duplicate of the pull-request comment", func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
			resp, err := api.Issues.DeleteComment(ctx, owner, name, dup.GetID())
			if resp != nil && resp.StatusCode == http.StatusNotFound {
				return resp, nil // gone already: an overlapping run deleted it
			}
			return resp, err
		})
		if err != nil {
			return res, err
		}
		res.Removed++
	}
	return res, nil
}

// hasMarker reports whether body starts with marker on a line of its own.
func hasMarker(body, marker string) bool {
	rest, ok := strings.CutPrefix(strings.TrimSpace(body), marker)
	return ok && (rest == "" || rest[0] == '\n' || rest[0] == '\r')
}

// findComments returns pillar's comments on the pull request with marker,
// oldest first: those that start with it and were written by a bot or by
// the token's own user.
func (c *Client) findComments(ctx context.Context, owner, name string, number int, marker string) ([]*gh.IssueComment, error) {
	return findMine(ctx, c, "list the pull request's comments",
		func(ctx context.Context, api *gh.Client, page int) ([]*gh.IssueComment, *gh.Response, error) {
			opts := &gh.IssueListCommentsOptions{ListOptions: gh.ListOptions{PerPage: 100, Page: page}}
			return api.Issues.ListComments(ctx, owner, name, number, opts)
		},
		func(cm *gh.IssueComment) bool {
			return hasMarker(cm.GetBody(), marker) && c.byPillar(ctx, cm.GetUser())
		})
}

// findMine pages through a list of comments, at most maxCommentPages pages
// of 100, and returns those mine keeps, oldest first.
func findMine[T any](ctx context.Context, c *Client, what string,
	list func(ctx context.Context, api *gh.Client, page int) ([]T, *gh.Response, error), mine func(T) bool) ([]T, error) {
	var kept []T
	page := 0 // the first
	for range maxCommentPages {
		var comments []T
		var next int
		err := c.call(ctx, what, func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
			var resp *gh.Response
			var err error
			comments, resp, err = list(ctx, api, page)
			if resp != nil {
				next = resp.NextPage
			}
			return resp, err
		})
		if err != nil {
			return nil, err
		}
		for _, cm := range comments {
			if mine(cm) {
				kept = append(kept, cm)
			}
		}
		if next == 0 || next == page {
			break
		}
		page = next
	}
	return kept, nil
}

// byPillar reports whether a comment by u can be pillar's: u is a bot
// (github-actions for the GITHUB_TOKEN, or an app), or the user a personal
// access token belongs to.
func (c *Client) byPillar(ctx context.Context, u *gh.User) bool {
	if u.GetType() == "Bot" {
		return true
	}
	return u.GetLogin() != "" && u.GetLogin() == c.login(ctx)
}

// login is the login of the token's user, asked once, or "" for the
// token of an app or a workflow, which has no user (GitHub answers 403).
// It is only asked when a person's comment carries the marker.
func (c *Client) login(ctx context.Context) string {
	if c.self != nil {
		return *c.self
	}
	var login string
	err := c.once(ctx, func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
		u, resp, err := api.Users.Get(ctx, "")
		login = u.GetLogin()
		return resp, err
	})
	var er *gh.ErrorResponse
	if err != nil && !errors.As(err, &er) {
		return "" // not an answer from GitHub: ask again next time
	}
	c.self = &login
	return login
}
