package github

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// Defaults for Options fields left zero.
const (
	// DefaultTimeout bounds one request, from sending it to reading the
	// whole answer.
	DefaultTimeout = 30 * time.Second
	// DefaultAttempts is how often a request is tried when GitHub answers
	// with a rate limit or a server error, or cannot be reached.
	DefaultAttempts = 4
	// DefaultMaxWait bounds the time spent waiting between attempts over
	// the whole run, so a job never hangs on a rate limit that resets in an
	// hour.
	DefaultMaxWait = 3 * time.Minute
)

// Options configure a Client. Only Token and APIURL matter in production;
// the rest are for tests and --dry-run.
type Options struct {
	// Token authenticates the requests; it is never printed.
	Token string
	// APIURL is the root of the REST API, used exactly as given (a missing
	// trailing slash is added): https://api.github.com, or
	// https://HOST/api/v3 for GitHub Enterprise Server, as GITHUB_API_URL
	// says in Actions. Empty means DefaultAPIURL.
	APIURL string
	// Transport sends the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// DryRun, when set, receives a description of every request instead
	// of it being sent, and the Client carries on with made-up answers.
	DryRun io.Writer
	// Sleep waits between attempts; nil waits on a timer, returning early
	// with the context's error when it is cancelled.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now tells the time, to turn a rate limit's reset time into a wait;
	// nil means time.Now.
	Now func() time.Time
	// Timeout bounds each request; zero means DefaultTimeout.
	Timeout time.Duration
	// Attempts is how often a request is tried; zero means
	// DefaultAttempts.
	Attempts int
	// MaxWait bounds the waiting between attempts over the Client's life;
	// zero means DefaultMaxWait.
	MaxWait time.Duration
	// UserAgent names the program to GitHub; empty means "pillar".
	UserAgent string
}

// Client talks to the GitHub REST API for one run of pillar: it retries
// what may succeed on another attempt, keeps a budget for waiting, and
// words every failure without the token.
type Client struct {
	opts   Options
	base   *url.URL
	http   *http.Client
	waited time.Duration
	self   *string // the token's user's login, once asked; see login
}

// NewClient checks the options and returns a Client.
func NewClient(o Options) (*Client, error) {
	if o.APIURL == "" {
		o.APIURL = DefaultAPIURL
	}
	base, err := url.Parse(o.APIURL)
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" || base.RawQuery != "" || base.Fragment != "" {
		return nil, fmt.Errorf("the API address %q is not an http(s) URL such as %s or https://ghe.example.com/api/v3", o.APIURL, DefaultAPIURL)
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	if o.Transport == nil {
		o.Transport = http.DefaultTransport
	}
	if o.DryRun != nil {
		o.Transport = &dryRunTransport{w: o.DryRun, token: o.Token}
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Attempts <= 0 {
		o.Attempts = DefaultAttempts
	}
	if o.MaxWait <= 0 {
		o.MaxWait = DefaultMaxWait
	}
	if o.UserAgent == "" {
		o.UserAgent = "pillar"
	}
	return &Client{opts: o, base: base, http: &http.Client{Transport: o.Transport}}, nil
}

// BaseURL is the API root requests go to, with its trailing slash.
func (c *Client) BaseURL() string { return c.base.String() }

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// api returns a go-github client for one attempt. A fresh one each time:
// go-github remembers the last rate limit it saw and refuses, without
// asking GitHub, to send anything before its reset time. Pillar has by
// then waited as long as GitHub asked (by its own clock, which tests
// replace), so the server, not that memory, should answer the retry.
func (c *Client) api() *gh.Client {
	api := gh.NewClient(c.http)
	if c.opts.Token != "" {
		api = api.WithAuthToken(c.opts.Token)
	}
	base := *c.base
	api.BaseURL = &base
	api.UploadURL = &base
	api.UserAgent = c.opts.UserAgent
	return api
}

// call runs one API request, op saying what for ("create the check run"),
// trying it again while GitHub answers with a rate limit or a server error
// or cannot be reached, within the attempts and the waiting budget. The
// error is an *APIError.
func (c *Client) call(ctx context.Context, op string, f func(ctx context.Context, api *gh.Client) (*gh.Response, error)) error {
	for attempt := 1; ; attempt++ {
		err := c.once(ctx, f)
		if err == nil {
			return nil
		}
		if err := c.backOff(ctx, op, err, attempt); err != nil {
			return err
		}
	}
}

// callAtMostOnce is call for a request that must not be carried out
// twice: it is sent again only after answers that say GitHub did not act
// on it (a rate limit, a connection that could not be made), never after
// a server error or a timeout.
func (c *Client) callAtMostOnce(ctx context.Context, op string, f func(ctx context.Context, api *gh.Client) (*gh.Response, error)) error {
	for attempt := 1; ; attempt++ {
		err := c.once(ctx, f)
		if err == nil {
			return nil
		}
		if mayHaveActed(err) && ctx.Err() == nil {
			final := c.apiError(op, err, attempt)
			final.MayHaveActed = true
			return final
		}
		if err := c.backOff(ctx, op, err, attempt); err != nil {
			return err
		}
	}
}

// mayHaveActed reports whether GitHub may have carried out a request that
// failed with err: it answered with a server error, or did not answer.
// A rate limit is refused before anything is done, and a connection that
// could not be made carried nothing.
func mayHaveActed(err error) bool {
	var er *gh.ErrorResponse
	var te *timeoutError
	var ue *url.Error
	var cut *cutError
	switch {
	case errors.As(err, &te), errors.As(err, &cut):
		return true
	case errors.As(err, &er):
		return er.Response != nil && er.Response.StatusCode >= 500
	case errors.As(err, &ue):
		var op *net.OpError
		var dns *net.DNSError
		return !(errors.As(err, &op) && op.Op == "dial") && !errors.As(err, &dns)
	}
	return false
}

// once makes one attempt, bounded by the per-request timeout. An attempt
// is not made once ctx is done; one that ctx cuts short is a *cutError.
func (c *Client) once(ctx context.Context, f func(ctx context.Context, api *gh.Client) (*gh.Response, error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	actx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	_, err := f(actx, c.api())
	switch {
	case err == nil:
	case ctx.Err() != nil:
		return &cutError{err}
	case errors.Is(err, context.DeadlineExceeded):
		return &timeoutError{after: c.opts.Timeout}
	}
	return err
}

// cutError is an attempt that the caller's deadline or cancellation cut
// short while it was under way: GitHub may have received it and acted.
type cutError struct{ err error }

func (e *cutError) Error() string { return e.err.Error() }
func (e *cutError) Unwrap() error { return e.err }

// timeoutError is an attempt that got no answer in time.
type timeoutError struct{ after time.Duration }

func (e *timeoutError) Error() string { return fmt.Sprintf("no answer from GitHub within %s", e.after) }

// backOff decides about a failed attempt: it waits and returns nil when
// another attempt is worth making, or returns the final *APIError.
func (c *Client) backOff(ctx context.Context, op string, err error, attempt int) error {
	final := c.apiError(op, err, attempt)
	if ctx.Err() != nil {
		return c.stopped(ctx, final)
	}
	wait, asked, retry := c.retryWait(err, attempt)
	if !retry {
		return final
	}
	if attempt >= c.opts.Attempts {
		final.GaveUp = true
		return final
	}
	if c.waited+wait > c.opts.MaxWait {
		final.GaveUp = true
		if asked {
			final.TooLong, final.Budget = wait, c.opts.MaxWait
		}
		return final
	}
	c.waited += wait
	if err := c.opts.Sleep(ctx, wait); err != nil {
		return c.stopped(ctx, final)
	}
	return nil
}

// stopped words final for a request cut short because ctx is done: by the
// caller's deadline (whose cause says why), or cancelled.
func (c *Client) stopped(ctx context.Context, final *APIError) *APIError {
	switch cause := context.Cause(ctx); cause {
	case nil, context.Canceled:
		final.Message = "cancelled"
	case context.DeadlineExceeded:
		final.Message = "out of time"
	default:
		final.Message = Redact(cause.Error(), c.opts.Token)
	}
	// What the request cut short got is beside the point now.
	final.Method, final.URL, final.Status, final.RateLimited = "", "", 0, false
	return final
}

// backoff is the wait before attempt n+1 when GitHub did not say how long
// to wait: 1s, 2s, 4s, …
func backoff(attempt int) time.Duration {
	return time.Second << min(attempt-1, 6)
}

// secondaryWait is how long GitHub's documentation says to wait after a
// rate limit that names no time: "at least one minute".
const secondaryWait = time.Minute

// retryWait says whether err may go away on another attempt, how long to
// wait first and whether GitHub asked for that wait: what GitHub asked
// for (Retry-After, or the rate limit's reset time) when it said, a
// minute for a rate limit that names no time, else an exponential
// backoff.
//
// go-github v60 reports a 403 with X-RateLimit-Remaining: 0 as a
// *RateLimitError and a 403 whose documentation_url points at secondary
// rate limits as an *AbuseRateLimitError, but a 429, or a 403 with only a
// Retry-After header, as a plain *ErrorResponse, so the headers are read
// here.
func (c *Client) retryWait(err error, attempt int) (wait time.Duration, asked, retry bool) {
	var rl *gh.RateLimitError
	var abuse *gh.AbuseRateLimitError
	var er *gh.ErrorResponse
	var resp *http.Response
	limited := false
	switch {
	case errors.As(err, &rl):
		resp, limited = rl.Response, true
	case errors.As(err, &abuse):
		resp, limited = abuse.Response, true
	case errors.As(err, &er):
		resp = er.Response
		if resp == nil {
			return 0, false, false
		}
		limited = rateLimited(resp)
		if !limited && resp.StatusCode < 500 {
			return 0, false, false
		}
	default:
		var ue *url.Error
		var te *timeoutError
		if errors.As(err, &ue) || errors.As(err, &te) {
			return backoff(attempt), false, true // network trouble: connection refused, reset, timeout
		}
		return 0, false, false
	}
	if resp != nil {
		if d, ok := c.serverWait(resp); ok {
			return d, true, true
		}
	}
	if limited {
		return secondaryWait, false, true
	}
	return backoff(attempt), false, true
}

// rateLimited reports whether an answer that go-github took for a plain
// error is a rate limit: a 429, or a 403 that says when to try again
// (Retry-After) or that no requests remain.
func rateLimited(r *http.Response) bool {
	switch r.StatusCode {
	case http.StatusTooManyRequests:
		return true
	case http.StatusForbidden:
		return r.Header.Get("Retry-After") != "" || r.Header.Get("X-RateLimit-Remaining") == "0"
	}
	return false
}

// serverWait reads how long an answer asks to wait: Retry-After (seconds
// or an HTTP date), else the primary rate limit's reset time when no
// requests remain.
func (c *Client) serverWait(r *http.Response) (time.Duration, bool) {
	if v := strings.TrimSpace(r.Header.Get("Retry-After")); v != "" {
		if secs, err := strconv.ParseInt(v, 10, 32); err == nil && secs >= 0 {
			return time.Duration(secs) * time.Second, true
		}
		if t, err := http.ParseTime(v); err == nil {
			return c.until(t), true
		}
	}
	if r.Header.Get("X-RateLimit-Remaining") == "0" {
		if reset, err := strconv.ParseInt(r.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil && reset > 0 {
			return c.until(time.Unix(reset, 0)), true
		}
	}
	return 0, false
}

// until is the wait until t, with a second to spare for clocks that
// differ; never negative.
func (c *Client) until(t time.Time) time.Duration {
	d := t.Sub(c.opts.Now()) + time.Second
	if d < 0 {
		return 0
	}
	return d.Round(time.Second)
}

// APIError is a request that failed for good: GitHub refused it, or kept
// failing until pillar gave up. Its text never holds the token.
type APIError struct {
	// Op says what the request was for, e.g. "create the check run".
	Op string
	// Method and URL name the request.
	Method, URL string
	// Status is the HTTP status of GitHub's last answer; 0 when there was
	// none.
	Status int
	// Message is GitHub's message, or the network error.
	Message string
	// RateLimited reports whether the last answer was a rate limit.
	RateLimited bool
	// GaveUp reports whether pillar stopped retrying: the attempts or the
	// waiting budget were used up.
	GaveUp bool
	// TooLong is the wait GitHub asked for when it was beyond the budget,
	// and Budget that budget.
	TooLong, Budget time.Duration
	// Attempts is how often the request was tried.
	Attempts int
	// Waited is how long pillar had waited between attempts in all.
	Waited time.Duration
	// MayHaveActed reports whether GitHub may have carried the request
	// out although the answer was a server error or none at all, which is
	// why pillar did not send it again.
	MayHaveActed bool
}

// Forbidden reports whether GitHub refused the request for want of
// permission (403, and not a rate limit): a read-only token, as on pull
// requests from forks, or a workflow without the permission.
func (e *APIError) Forbidden() bool {
	return e.Status == http.StatusForbidden && !e.RateLimited
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Op + ": ")
	if e.Status != 0 {
		fmt.Fprintf(&b, "GitHub answered %d %s", e.Status, http.StatusText(e.Status))
		if e.Message != "" && e.Message != http.StatusText(e.Status) {
			b.WriteString(" (" + e.Message + ")")
		}
	} else {
		b.WriteString(e.Message)
	}
	if e.Method != "" {
		fmt.Fprintf(&b, " to %s %s", e.Method, e.URL)
	}
	switch {
	case e.MayHaveActed:
		b.WriteString("; not sent again, as GitHub may have carried it out")
	case e.TooLong > 0:
		fmt.Fprintf(&b, "; it asked to wait %s, which would take pillar past the %s it waits in all, so it gave up", e.TooLong, e.Budget)
	case e.GaveUp:
		fmt.Fprintf(&b, "; gave up after %d attempts", e.Attempts)
		if e.Waited > 0 {
			fmt.Fprintf(&b, " and %s of waiting", e.Waited)
		}
	}
	return b.String()
}

// apiError describes a failed attempt for people, without the token.
func (c *Client) apiError(op string, err error, attempt int) *APIError {
	e := &APIError{Op: op, Attempts: attempt, Waited: c.waited}
	var resp *http.Response
	var rl *gh.RateLimitError
	var abuse *gh.AbuseRateLimitError
	var er *gh.ErrorResponse
	var ue *url.Error
	var te *timeoutError
	switch {
	case errors.As(err, &te):
		e.Message = te.Error()
	case errors.As(err, &rl):
		resp, e.Message, e.RateLimited = rl.Response, rl.Message, true
	case errors.As(err, &abuse):
		resp, e.Message, e.RateLimited = abuse.Response, abuse.Message, true
	case errors.As(err, &er):
		resp, e.Message = er.Response, er.Message
		e.RateLimited = resp != nil && rateLimited(resp)
	case errors.As(err, &ue):
		e.Method, e.URL = strings.ToUpper(ue.Op), ue.URL
		e.Message = "could not reach GitHub: " + ue.Err.Error()
	default:
		e.Message = err.Error()
	}
	if resp != nil {
		e.Status = resp.StatusCode
		if resp.Request != nil {
			e.Method = resp.Request.Method
			u := *resp.Request.URL
			u.RawQuery = ""
			e.URL = u.String()
		}
	}
	e.Message = Redact(strings.TrimSpace(e.Message), c.opts.Token)
	e.URL = Redact(e.URL, c.opts.Token)
	return e
}

// IsForbidden reports whether err is GitHub refusing a request for want of
// permission; see APIError.Forbidden.
func IsForbidden(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.Forbidden()
}
