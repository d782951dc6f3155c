package github

import (
	"context"
	"fmt"
	"net/http"

	gh "github.com/google/go-github/v60/github"
)

// ReviewResult says what PutSuggestions did.
type ReviewResult struct {
	// ReviewID is the review created for the new suggestions, 0 when
	// there were none.
	ReviewID int64
	// URL is the review's address, when GitHub gave it.
	URL string
	// Created is how many suggestions the new review holds.
	Created int
	// Kept is how many suggestions were there already from an earlier
	// run, and Updated how many of those had their text changed.
	Kept, Updated int
	// Deleted is how many earlier suggestions were removed: their
	// finding is gone or its fix changed.
	Deleted int
}

// PutSuggestions makes sugs the suggestions pillar has on pull request
// number of repo for the comment key, at commit (the head): those an
// earlier run already made (found by their marker and id, written by a
// bot or the token's user) are kept, with their text brought up to date;
// the others of pillar's are deleted; the new ones are posted together as
// one review, with event COMMENT, and review comments on the right side
// of the diff (line, and start_line for several lines).
//
// The API is GitHub's "Create a review for a pull request"
// (https://docs.github.com/en/rest/pulls/reviews#create-a-review-for-a-pull-request)
// and its review comments (list, update, delete:
// https://docs.github.com/en/rest/pulls/comments); a ```suggestion block
// in a comment is a change the reviewer applies with one click
// (https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/reviewing-changes-in-pull-requests/incorporating-feedback-in-your-pull-request).
func (c *Client) PutSuggestions(ctx context.Context, repo string, number int, commit, key string, sugs []Suggestion) (ReviewResult, error) {
	var res ReviewResult
	owner, name, err := SplitRepo(repo)
	if err != nil {
		return res, err
	}
	if err := CheckCommentKey(key); err != nil {
		return res, err
	}
	want := make(map[string]Suggestion, len(sugs))
	for _, s := range sugs {
		s.Body = Redact(s.Body, c.opts.Token)
		want[s.ID] = s
	}
	mine, err := c.findReviewComments(ctx, owner, name, number, key)
	if err != nil {
		return res, err
	}
	seen := map[string]bool{}
	for _, cm := range mine {
		id := suggestionID(cm.GetBody(), key)
		s, wanted := want[id]
		if !wanted || seen[id] {
			if err := c.deleteReviewComment(ctx, owner, name, cm.GetID()); err != nil {
				return res, err
			}
			res.Deleted++
			continue
		}
		seen[id] = true
		res.Kept++
		if cm.GetBody() == s.Body {
			continue
		}
		err := c.call(ctx, "update a suggestion", func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
			_, resp, err := api.PullRequests.EditComment(ctx, owner, name, cm.GetID(), &gh.PullRequestComment{Body: gh.String(s.Body)})
			return resp, err
		})
		if err != nil {
			return res, err
		}
		res.Updated++
	}
	var drafts []*gh.DraftReviewComment
	for _, s := range sugs {
		if seen[s.ID] {
			continue
		}
		seen[s.ID] = true
		d := &gh.DraftReviewComment{Path: gh.String(s.Path), Body: gh.String(want[s.ID].Body), Side: gh.String("RIGHT"), Line: gh.Int(s.Line)}
		if s.StartLine < s.Line {
			d.StartLine, d.StartSide = gh.Int(s.StartLine), gh.String("RIGHT")
		}
		drafts = append(drafts, d)
	}
	if len(drafts) == 0 {
		return res, nil
	}
	body := fmt.Sprintf("%s\npillar suggests %s for findings on the lines this pull request changes: apply them with one click, or run `pillar fix` on the branch.",
		ReviewMarker, changesText(len(drafts)))
	var out *gh.PullRequestReview
	// Not sent again after a server error or a timeout: a second review
	// would double every suggestion, and the next run tidies up either way.
	err = c.callAtMostOnce(ctx, "create the review with suggestions", func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
		var resp *gh.Response
		var err error
		out, resp, err = api.PullRequests.CreateReview(ctx, owner, name, number, &gh.PullRequestReviewRequest{
			CommitID: gh.String(commit),
			Body:     gh.String(Redact(body, c.opts.Token)),
			Event:    gh.String("COMMENT"),
			Comments: drafts,
		})
		return resp, err
	})
	if err != nil {
		return res, err
	}
	res.ReviewID, res.URL, res.Created = out.GetID(), out.GetHTMLURL(), len(drafts)
	return res, nil
}

// findReviewComments returns pillar's suggestions on the pull request for
// key, oldest first.
func (c *Client) findReviewComments(ctx context.Context, owner, name string, number int, key string) ([]*gh.PullRequestComment, error) {
	return findMine(ctx, c, "list the pull request's review comments",
		func(ctx context.Context, api *gh.Client, page int) ([]*gh.PullRequestComment, *gh.Response, error) {
			opts := &gh.PullRequestListCommentsOptions{ListOptions: gh.ListOptions{PerPage: 100, Page: page}}
			return api.PullRequests.ListComments(ctx, owner, name, number, opts)
		},
		func(cm *gh.PullRequestComment) bool {
			return suggestionID(cm.GetBody(), key) != "" && c.byPillar(ctx, cm.GetUser())
		})
}

func (c *Client) deleteReviewComment(ctx context.Context, owner, name string, id int64) error {
	return c.call(ctx, "delete an earlier suggestion", func(ctx context.Context, api *gh.Client) (*gh.Response, error) {
		resp, err := api.PullRequests.DeleteComment(ctx, owner, name, id)
		if resp != nil && resp.StatusCode == http.StatusNotFound {
			return resp, nil // gone already
		}
		return resp, err
	})
}

// changesText counts suggested changes: "1 change", "3 changes".
func changesText(n int) string {
	if n == 1 {
		return "1 change"
	}
	return fmt.Sprintf("%d changes", n)
}
