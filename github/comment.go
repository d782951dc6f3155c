package github

import (
	"context"
	"strings"

	gh "github.com/google/go-github/v60/github"
)

// Marker starts pillar's comment on a pull request. It is an HTML comment,
// so GitHub does not show it; pillar finds its own comment by it and edits
// that one instead of adding another.
const Marker = "<!-- pillar:pr-comment -->"

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
	// one was edited.
	Created bool
}

// UpsertComment makes body pillar's one comment on pull request number of
// repo (owner/name): it edits the comment that starts with Marker when
// there is one, on whichever page of the comments, and creates it
// otherwise. Marker is put in front of body when body lacks it.
func (c *Client) UpsertComment(ctx context.Context, repo string, number int, body string) (CommentResult, error) {
	return c.putComment(ctx, repo, number, body, true)
}

// UpdateComment edits pillar's comment like UpsertComment when there is
// one, and creates none otherwise (the result's ID is then 0): for a pull
// request that no longer gives pillar anything to say.
func (c *Client) UpdateComment(ctx context.Context, repo string, number int, body string) (CommentResult, error) {
	return c.putComment(ctx, repo, number, body, false)
}

func (c *Client) putComment(ctx context.Context, repo string, number int, body string, create bool) (CommentResult, error) {
	owner, name, err := SplitRepo(repo)
	if err != nil {
		return CommentResult{}, err
	}
	if !strings.HasPrefix(body, Marker) {
		body = Marker + "\n" + body
	}
	for attempt := 1; ; attempt++ {
		id, err := c.findComment(ctx, owner, name, number)
		if err != nil {
			return CommentResult{}, err
		}
		var out *gh.IssueComment
		if id != 0 {
			err := c.call(ctx, "edit the pull-request comment", func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
				var resp *gh.Response
				var err error
				out, resp, err = api.Issues.EditComment(ctx, owner, name, id, &gh.IssueComment{Body: gh.String(body)})
				return resp, err
			})
			if err != nil {
				return CommentResult{}, err
			}
			return CommentResult{ID: id, URL: out.GetHTMLURL()}, nil
		}
		if !create {
			return CommentResult{}, nil
		}
		// A create is not simply sent again: an attempt that timed out or
		// met a server error may have created the comment all the same,
		// so the next attempt looks for it first.
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

// findComment returns the id of the first comment on the pull request that
// starts with Marker, or 0.
func (c *Client) findComment(ctx context.Context, owner, name string, number int) (int64, error) {
	opts := &gh.IssueListCommentsOptions{ListOptions: gh.ListOptions{PerPage: 100}}
	for page := 0; page < maxCommentPages; page++ {
		var comments []*gh.IssueComment
		var next int
		err := c.call(ctx, "list the pull request's comments", func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
			var resp *gh.Response
			var err error
			comments, resp, err = api.Issues.ListComments(ctx, owner, name, number, opts)
			if resp != nil {
				next = resp.NextPage
			}
			return resp, err
		})
		if err != nil {
			return 0, err
		}
		for _, cm := range comments {
			if strings.HasPrefix(strings.TrimSpace(cm.GetBody()), Marker) {
				return cm.GetID(), nil
			}
		}
		if next == 0 || next == opts.Page {
			return 0, nil
		}
		opts.Page = next
	}
	return 0, nil
}
