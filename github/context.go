package github

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/pillar-strategy/pillar/internal/inputfile"
)

// Context is what pillar knows about the workflow run it is part of: the
// standard variables GitHub Actions sets and, on pull-request events, the
// pull request from the event file.
type Context struct {
	// Actions reports whether pillar runs in GitHub Actions
	// (GITHUB_ACTIONS=true).
	Actions bool
	// Repo is the repository as owner/name (GITHUB_REPOSITORY, else the
	// event's repository.full_name).
	Repo string
	// EventName is the event that started the run (GITHUB_EVENT_NAME), e.g.
	// pull_request, push or schedule.
	EventName string
	// SHA is the commit the run is for (GITHUB_SHA). On pull_request events
	// it is the merge commit GitHub made for the run, not the pull
	// request's head, so check runs use PullRequest.HeadSHA instead.
	SHA string
	// APIURL is the root of the REST API (GITHUB_API_URL): https://api.github.com,
	// or https://HOST/api/v3 on GitHub Enterprise Server.
	APIURL string
	// ServerURL is the root of the web interface (GITHUB_SERVER_URL), for
	// links to files.
	ServerURL string
	// StepSummary is the file the job summary is appended to
	// (GITHUB_STEP_SUMMARY); empty outside Actions.
	StepSummary string
	// PullRequest is the pull request the run is for; nil on other events.
	PullRequest *PullRequest
}

// PullRequest is the part of a pull_request event pillar uses.
type PullRequest struct {
	// Number is the pull request's number.
	Number int
	// HeadSHA is the last commit of the pull request's branch.
	HeadSHA string
	// HeadRef is the branch the pull request comes from.
	HeadRef string
	// HeadRepo is the repository the branch lives in, as owner/name; it
	// differs from BaseRepo for a pull request from a fork, and is empty
	// when the fork has been deleted.
	HeadRepo string
	// BaseSHA is the commit of the target branch the pull request was
	// last compared with.
	BaseSHA string
	// BaseRef is the branch the pull request targets, e.g. main.
	BaseRef string
	// BaseRepo is the repository the pull request targets, as owner/name.
	BaseRepo string
}

// FromFork reports whether the pull request comes from another
// repository. GitHub gives such runs a read-only token, so pillar cannot
// comment or create a check run from them.
func (p *PullRequest) FromFork() bool {
	return p != nil && !strings.EqualFold(p.HeadRepo, p.BaseRepo)
}

// Default addresses of github.com, used when the environment names none.
const (
	DefaultAPIURL    = "https://api.github.com"
	DefaultServerURL = "https://github.com"
)

// FromEnv reads the context from the environment through getenv. It does
// not read the event file: see ReadEvent.
func FromEnv(getenv func(string) string) Context {
	c := Context{
		Actions:     getenv("GITHUB_ACTIONS") == "true",
		Repo:        strings.TrimSpace(getenv("GITHUB_REPOSITORY")),
		EventName:   getenv("GITHUB_EVENT_NAME"),
		SHA:         strings.TrimSpace(getenv("GITHUB_SHA")),
		APIURL:      strings.TrimSpace(getenv("GITHUB_API_URL")),
		ServerURL:   strings.TrimSpace(getenv("GITHUB_SERVER_URL")),
		StepSummary: getenv("GITHUB_STEP_SUMMARY"),
	}
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	if c.ServerURL == "" {
		c.ServerURL = DefaultServerURL
	}
	return c
}

// maxEventSize bounds the event file read: GitHub's are a few hundred
// kilobytes at most.
const maxEventSize = 32 << 20

// Event is what ReadEvent takes from an event file.
type Event struct {
	// Repo is repository.full_name, or empty.
	Repo string
	// PullRequest is the pull request of a pull_request (or
	// pull_request_target) event, or nil for other events.
	PullRequest *PullRequest
}

type eventRepo struct {
	FullName string `json:"full_name"`
}

type eventFile struct {
	PullRequest *struct {
		Number int `json:"number"`
		Head   struct {
			SHA  string     `json:"sha"`
			Ref  string     `json:"ref"`
			Repo *eventRepo `json:"repo"`
		} `json:"head"`
		Base struct {
			SHA  string     `json:"sha"`
			Ref  string     `json:"ref"`
			Repo *eventRepo `json:"repo"`
		} `json:"base"`
	} `json:"pull_request"`
	Repository *eventRepo `json:"repository"`
}

var shaPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[0-9a-f]{40}|[0-9a-f]{64})$`)
})

// ReadEvent reads the event file of a workflow run (GITHUB_EVENT_PATH).
// A pull request in it must have a number and head and base commits.
func ReadEvent(path string) (Event, error) {
	f, err := inputfile.Open(path)
	if err != nil {
		return Event{}, fmt.Errorf("read the event file: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxEventSize+1))
	if err != nil {
		return Event{}, fmt.Errorf("read the event file %s: %w", path, err)
	}
	if len(b) > maxEventSize {
		return Event{}, fmt.Errorf("the event file %s is larger than %d MB", path, maxEventSize>>20)
	}
	var raw eventFile
	if err := json.Unmarshal(b, &raw); err != nil {
		return Event{}, fmt.Errorf("the event file %s is not JSON: %v", path, err)
	}
	var ev Event
	if raw.Repository != nil {
		ev.Repo = raw.Repository.FullName
	}
	if pr := raw.PullRequest; pr != nil {
		p := &PullRequest{Number: pr.Number, HeadSHA: pr.Head.SHA, HeadRef: pr.Head.Ref, BaseSHA: pr.Base.SHA, BaseRef: pr.Base.Ref}
		if pr.Head.Repo != nil {
			p.HeadRepo = pr.Head.Repo.FullName
		}
		if pr.Base.Repo != nil {
			p.BaseRepo = pr.Base.Repo.FullName
		} else {
			p.BaseRepo = ev.Repo
		}
		var problems []string
		if p.Number <= 0 {
			problems = append(problems, "pull_request.number is missing")
		}
		if !shaPattern().MatchString(p.HeadSHA) {
			problems = append(problems, "pull_request.head.sha is not a commit id")
		}
		if !shaPattern().MatchString(p.BaseSHA) {
			problems = append(problems, "pull_request.base.sha is not a commit id")
		}
		if len(problems) > 0 {
			return Event{}, fmt.Errorf("the event file %s has a pull request, but %s", path, strings.Join(problems, ", "))
		}
		ev.PullRequest = p
	}
	return ev, nil
}

// SplitRepo splits owner/name.
func SplitRepo(repo string) (owner, name string, err error) {
	owner, name, ok := strings.Cut(repo, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") || strings.ContainsAny(repo, " \t\r\n?#%") {
		return "", "", errors.New("a repository is named owner/name, e.g. octo-org/strategy")
	}
	return owner, name, nil
}

// ShortSHA is the first seven characters of a commit id, as GitHub shows
// it.
func ShortSHA(sha string) string {
	if len(sha) > 7 && shaPattern().MatchString(sha) {
		return sha[:7]
	}
	return sha
}
