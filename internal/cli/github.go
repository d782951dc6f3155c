package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/git"
	"github.com/pillar-strategy/pillar/github"
	"github.com/pillar-strategy/pillar/internal/numfmt"
	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// defaultGitHubTimeout bounds the time pillar github spends talking to
// GitHub: within it, the client's 3 minutes of waiting on rate limits and
// the requests themselves.
const defaultGitHubTimeout = 5 * time.Minute

type githubOptions struct {
	paths    []string
	token    string
	tokenEnv string
	dryRun   bool
	strict   bool
	config   string
	today    string
	base     string
	head     string
	pr       int
	repo     string
	event    string
	apiURL   string
	comment  bool
	key      string
	checkRun bool
	suggest  bool
	timeout  time.Duration
	from, to string
	root     string
}

// githubDeps are what the command needs from outside besides Env; tests
// replace them.
type githubDeps struct {
	// transport sends API requests; nil means the default.
	transport http.RoundTripper
	// sleep waits between attempts; nil means a real timer.
	sleep func(context.Context, time.Duration) error
}

func githubCommand() *command { return newGitHubCommand(githubDeps{}) }

func newGitHubCommand(deps githubDeps) *command {
	c := &command{
		name:    "github",
		summary: "review a pull request on GitHub: comment, check run, annotations, job summary",
		usage: `Usage: pillar github [PATH...] [flags]

For GitHub Actions. Validates the strategies a pull request changes, says what
the change does to each of them and to its plan, and reports it where the
reviewer looks:

  - one comment on the pull request, edited on every push (never a second),
    with the findings and the changes ("Brand pillar 40% → 35%");
  - a check run "Pillar" on the pull request's head commit, with every
    finding as an annotation on its line: one per workflow run, attempt
    and --comment-key, updated if pillar runs again with all three the same;
  - the fixes findings carry (pillar fix) as suggested changes on the lines
    the pull request changed, for the reviewer to apply with one click: one
    review per run with the new ones, earlier ones kept or deleted;
  - workflow-command annotations in the log and the job summary, which need
    no token (GitHub shows 10 errors and 10 warnings a step as annotations;
    the summary lists them all).

It reads the run from the environment Actions sets: GITHUB_EVENT_PATH (the
pull request's number, head and base), GITHUB_REPOSITORY, GITHUB_API_URL
(GitHub Enterprise Server works), GITHUB_STEP_SUMMARY and the token in
GITHUB_TOKEN, which a step gets only when the workflow passes it:
  env:
    GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}
The job needs "permissions: pull-requests: write" for the comment and
"checks: write" for the check run. Without a token, or with the read-only
token of a pull request from a fork, pillar says so and still writes the
annotations and the job summary.

PATH (default .) holds the strategies: the ones the pull request touches
(a file in their folder, an included file or a parent changed, per
'git diff BASE...HEAD') are checked and compared with the base. They are
read from git as they are at the pull request's head, not from the working
tree, which on pull_request events is GitHub's merge commit: so every line
number is the head's, like the check run's and the links'. This needs the
base and head commits in the checkout (actions/checkout with fetch-depth:
0); without them the working tree is checked, all strategies under PATH,
none compared, and pillar says so. On other events (push, schedule) all
are checked in the working tree, and the check run goes on GITHUB_SHA.

Exit status: 0 when no errors (with --strict: no warnings) were found, 1
when some were, 2 when pillar could not do its job (bad flags, an unreadable
event file, GitHub failing after retries) — annotations and the job summary
are written first in every case.

Examples:
  pillar github                                  # in a workflow step
  pillar github brands --strict
  pillar github --dry-run --repo octo/strategy --pr 12 --base main --head HEAD
  pillar github --event event.json --dry-run     # replay a run's event file
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		o, err := parseGitHub(c, e, args)
		if err != nil {
			return err
		}
		return runGitHub(ctx, e, o, deps)
	}
	return c
}

func parseGitHub(c *command, e *Env, args []string) (githubOptions, error) {
	o := githubOptions{comment: true, checkRun: true, suggest: true}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.StringVar(&o.token, "token", "", "GitHub `token` (default: the variable named by --token-env); prefer the environment, which the process list does not show")
	fs.StringVar(&o.tokenEnv, "token-env", "GITHUB_TOKEN", "environment `variable` that holds the token")
	fs.BoolVar(&o.dryRun, "dry-run", false, "send nothing: print every request (method, URL, JSON body) to stdout, token redacted")
	fs.BoolVar(&o.strict, "strict", false, "treat warnings as failures (exit 1, check run failure)")
	fs.StringVar(&o.config, "config", "", "config `file` with a rules map (default .pillar.yaml if present)")
	fs.StringVar(&o.today, "today", "", "the `date` (YYYY-MM-DD) staleness rules measure from (default today)")
	fs.StringVar(&o.base, "base", "", "git `revision` to compare with (default the pull request's base from the event)")
	fs.StringVar(&o.head, "head", "", "git `revision` to check, compare and put the check run on (default the pull request's head; without either, the working tree and GITHUB_SHA)")
	fs.IntVar(&o.pr, "pr", 0, "pull request `number` to comment on (default from the event)")
	fs.StringVar(&o.repo, "repo", "", "repository as `owner/name` (default GITHUB_REPOSITORY)")
	fs.StringVar(&o.event, "event", "", "event `file` of the run (default GITHUB_EVENT_PATH)")
	fs.StringVar(&o.apiURL, "api-url", "", "REST API `root`, e.g. https://ghe.example.com/api/v3 (default GITHUB_API_URL, else https://api.github.com)")
	fs.BoolVar(&o.comment, "comment", true, "create or update the pull-request comment (--comment=false to skip)")
	fs.StringVar(&o.key, "comment-key", "", "`key` that keeps this job's comment and check run apart from another job's that checks other strategies, e.g. brands-nordics")
	fs.BoolVar(&o.checkRun, "check-run", true, "create the check run (--check-run=false to skip)")
	fs.BoolVar(&o.suggest, "suggestions", true, "offer the findings' fixes as suggested changes on the pull request's changed lines (--suggestions=false to skip)")
	fs.DurationVar(&o.timeout, "timeout", defaultGitHubTimeout, "the most `time` pillar spends talking to GitHub, retries and waits included")
	fs.StringVar(&o.from, "from", "", "first `date` of the period the calendars are compared over (default the first day of the next quarter)")
	fs.StringVar(&o.to, "to", "", "`date` after the period's last day (default three months after --from)")
	rootFlag(fs, &o.root)
	pos, err := parse(fs, c, e, args)
	if err != nil {
		return o, err
	}
	if err := checkRoot(c.name, o.root); err != nil {
		return o, err
	}
	o.paths = pos
	if len(o.paths) == 0 {
		o.paths = []string{"."}
	}
	if err := checkToday(c.name, o.today); err != nil {
		return o, err
	}
	if o.timeout <= 0 {
		return o, usagef(c.name, "", "--timeout %s: give a time such as 5m or 90s", o.timeout)
	}
	if o.pr < 0 {
		return o, usagef(c.name, "", "--pr %d is not a pull request number", o.pr)
	}
	if o.repo != "" {
		if _, _, err := github.SplitRepo(o.repo); err != nil {
			return o, usagef(c.name, "", "--repo %q: %v", o.repo, err)
		}
	}
	if err := github.CheckCommentKey(o.key); err != nil {
		return o, usagef(c.name, "", "--comment-key: %v", err)
	}
	if o.tokenEnv == "" {
		return o, usagef(c.name, "", "--token-env needs the name of a variable, e.g. GITHUB_TOKEN")
	}
	for _, rev := range []string{o.base, o.head} {
		if strings.HasPrefix(rev, "-") {
			return o, usagef(c.name, "", "%s is not a git revision", rev)
		}
	}
	return o, nil
}

// redactWriter keeps the token out of everything the command prints.
type redactWriter struct {
	w     io.Writer
	token string
}

func (r redactWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(r.w, github.Redact(string(p), r.token)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// renameWriter renames things in messages of helpers shared with pillar
// validate: the command, and the temporary folder of the head commit.
type renameWriter struct {
	w  io.Writer
	to *strings.Replacer
}

func (r renameWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(r.w, r.to.Replace(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// githubRun is the state of one run of the command.
type githubRun struct {
	e      *Env
	o      githubOptions
	gctx   github.Context
	pr     *github.PullRequest
	number int
	token  string

	repo     *git.Repo // nil outside git
	root     string    // the repository's root, "" outside git
	realRoot string
	// head is the pull request's head commit written out by checkout,
	// whose files are checked instead of the working tree's; nil when
	// the working tree is checked.
	head *diffSide
	// added holds the lines the pull request adds or rewrites, by file
	// relative to the root: where suggestions may go. Nil when unknown.
	added map[string][]github.Lines

	// sides are revisions written out by side, kept for the run.
	sides map[string]writtenSide

	failed bool // something could not be done: exit 2
	// draftsNotes say which changed drafts were checked, or could not
	// be, for the comment.
	draftsNotes []string
}

// writtenSide is a revision written out, or why it could not be.
type writtenSide struct {
	side *diffSide
	err  error
}

// side writes a revision's YAML files out (all a strategy can read) once
// for the run; removeSides removes them.
func (r *githubRun) side(ctx context.Context, rev string) (*diffSide, error) {
	w, ok := r.sides[rev]
	if !ok {
		w.side, w.err = checkout(ctx, rev, r.root)
		if r.sides == nil {
			r.sides = map[string]writtenSide{}
		}
		r.sides[rev] = w
	}
	return w.side, w.err
}

func (r *githubRun) removeSides() {
	for _, w := range r.sides {
		if w.side != nil && w.side.tmp != "" {
			os.RemoveAll(w.side.tmp)
		}
	}
}

func (r *githubRun) notef(format string, args ...any) {
	fmt.Fprintf(r.e.Stderr, "pillar github: "+format+"\n", args...)
}

func runGitHub(ctx context.Context, e *Env, o githubOptions, deps githubDeps) error {
	token := o.token
	if token == "" {
		token = strings.TrimSpace(e.Getenv(o.tokenEnv))
	}
	env := *e
	env.Stdout = redactWriter{e.Stdout, token}
	env.Stderr = redactWriter{e.Stderr, token}
	r := &githubRun{e: &env, o: o, gctx: github.FromEnv(e.Getenv), token: token}
	defer r.removeSides()
	if o.apiURL != "" {
		r.gctx.APIURL = o.apiURL
	}
	if err := r.readEvent(); err != nil {
		return err
	}

	r.findRoot(ctx)
	base, head, baseLabel, headLabel := r.revisions()
	var notes []string
	if head != "" {
		if err := r.checkoutHead(ctx, head); err != nil {
			notes = append(notes, fmt.Sprintf("Checked the files of the working tree, not those of %s: %v. "+
				"On a pull request the working tree is GitHub's merge commit, so a line can be off where the base branch changed the same file.", headLabel, err))
			r.notef("%s", notes[len(notes)-1])
		}
		if r.head != nil {
			defer os.RemoveAll(r.head.tmp)
		}
	}

	rules, err := loadConfig(r.config())
	if err != nil {
		return errors.New(r.shown(err.Error()))
	}
	now := nowOf(e, o.today)
	from, to, err := period("github", o.from, o.to, nextQuarter(strategy.DateOf(now)))
	if err != nil {
		return err
	}

	results, err := r.validate(ctx, schema.Options{Now: now, Rules: rules})
	if err != nil {
		return err
	}

	var mergeBase string
	var changed map[string]bool
	if base != "" {
		mergeBase, changed, err = r.changedFiles(ctx, base, head)
		if err != nil {
			notes = append(notes, fmt.Sprintf("Checked every strategy under %s and compared none: %v.", strings.Join(o.paths, " "), err))
			r.notef("%s", notes[len(notes)-1])
		} else {
			r.addedLines(ctx, mergeBase, head)
		}
	}
	var own map[string]bool // strategies whose own files changed, not only drafts
	if changed != nil {
		own = map[string]bool{}
		for _, res := range r.touched(results, changed) {
			own[r.toRepo(res.Path)] = true
		}
		r.checkChangedDrafts(ctx, results, changed, head, now)
		notes = append(notes, r.draftsNotes...)
		results = r.touched(results, changed)
		if len(results) == 0 {
			notes = append(notes, fmt.Sprintf("This pull request changes no strategy under %s.", strings.Join(o.paths, " ")))
		}
	}
	for i := range results {
		r.toRepoResult(&results[i])
	}

	if err := writeAnnotations(env.Stdout, results, o.strict); err != nil {
		return err
	}
	rep := &github.Report{Results: results, Strict: o.strict, Notes: notes, Links: r.links(r.headSHA(ctx)), CommentKey: o.key, Token: r.token}
	if changed != nil {
		rep.Changes = r.compare(ctx, ownChanged(results, own), mergeBase, head, baseLabel, headLabel, now, rules, from, to)
		rep.Silenced = r.silencings(ctx, results, mergeBase)
		if n := len(rep.Silenced); n > 0 {
			r.notef("this pull request silences findings in %s: rules switched off or downgraded, pillar:ignore comments added. The comment and the job summary list them.", numfmt.Count(n, "place", ""))
		}
	}
	if t := rep.Tally(); t.Errors > 10 || t.Warnings > 10 {
		r.notef("GitHub shows the first 10 errors and 10 warnings of a step as annotations; the job summary and the check run list all %d findings.", t.Errors+t.Warnings+t.Infos)
	}
	r.writeSummary(rep)
	r.publish(ctx, rep, deps)

	switch {
	case r.failed:
		return &exitError{ExitFailure}
	case rep.Failed():
		return &exitError{ExitFindings}
	}
	return nil
}

// validate checks every strategy under the paths, among the head
// commit's files when those are written out, else in the working tree.
// Which of them the pull request touches is known only once their files
// are.
func (r *githubRun) validate(ctx context.Context, opts schema.Options) ([]schema.Result, error) {
	find := *r.e
	renames := []string{"pillar validate: ", "pillar github: "}
	paths := r.o.paths
	if r.head != nil {
		renames = append(renames, r.head.tmp+string(filepath.Separator), "")
		paths = make([]string, len(r.o.paths))
		for i, p := range r.o.paths {
			paths[i] = r.atHead(p)
		}
	}
	find.Stderr = renameWriter{r.e.Stderr, strings.NewReplacer(renames...)}
	files, failed := findStrategies(&find, paths, r.rootOf)
	r.failed = r.failed || failed
	var results []schema.Result
	for out := range validateAll(ctx, files, opts) {
		if out.err != nil {
			r.notef("%s", r.shown(readError(out.path, out.err)))
			r.failed = true
			continue
		}
		results = append(results, out.res)
	}
	return results, ctx.Err()
}

// rootOf is the root that confines the strategy at path: the head
// commit's files when path is among them (a revision's files stay inside
// it, whatever --root says), else as for any command.
func (r *githubRun) rootOf(path string) string {
	if r.head != nil {
		if rel, err := filepath.Rel(r.head.tmp, path); err == nil && filepath.IsLocal(rel) {
			return r.head.tmp
		}
	}
	return rootOf(path, r.o.root)
}

// readEvent reads the event file, when there is one, for the pull request
// and the repository; flags override both.
func (r *githubRun) readEvent() error {
	path := r.o.event
	if path == "" {
		path = r.e.Getenv("GITHUB_EVENT_PATH")
	}
	if path != "" {
		ev, err := github.ReadEvent(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%v (--event or GITHUB_EVENT_PATH names the event file of the run)", err)
			}
			return err
		}
		r.pr = ev.PullRequest
		if r.gctx.Repo == "" {
			r.gctx.Repo = ev.Repo
		}
	}
	if r.o.repo != "" {
		r.gctx.Repo = r.o.repo
	}
	if r.gctx.Repo != "" {
		if _, _, err := github.SplitRepo(r.gctx.Repo); err != nil {
			return usagef("github", "", "GITHUB_REPOSITORY %q: %v", r.gctx.Repo, err)
		}
	}
	if r.pr != nil {
		r.number = r.pr.Number
	}
	if r.o.pr > 0 {
		r.number = r.o.pr
	}
	return nil
}

// findRoot finds the repository's root, when git is there to ask.
func (r *githubRun) findRoot(ctx context.Context) {
	repo, err := git.Open(ctx, ".")
	if err != nil {
		return
	}
	r.repo, r.root, r.realRoot = repo, repo.Top, repo.RealTop
}

// revisions decides what to compare: the flags, else the pull request's
// base and head. head "" means the working tree.
func (r *githubRun) revisions() (base, head, baseLabel, headLabel string) {
	base, head = r.o.base, r.o.head
	baseLabel, headLabel = base, head
	if base == "" && r.pr != nil {
		base, baseLabel = r.pr.BaseSHA, r.pr.BaseRef
		if baseLabel == "" {
			baseLabel = github.ShortSHA(base)
		}
	}
	if head == "" && r.pr != nil {
		head, headLabel = r.pr.HeadSHA, github.ShortSHA(r.pr.HeadSHA)
	}
	if headLabel == "" {
		headLabel = "working tree"
	}
	return
}

// headSHA is the commit the check run is about: --head, else the pull
// request's head (GITHUB_SHA is the merge commit then), else GITHUB_SHA,
// else HEAD.
func (r *githubRun) headSHA(ctx context.Context) string {
	rev := r.o.head
	switch {
	case rev == "" && r.pr != nil:
		return r.pr.HeadSHA
	case rev == "" && r.gctx.SHA != "":
		return r.gctx.SHA
	case rev == "":
		rev = "HEAD"
	}
	if r.repo == nil {
		return ""
	}
	sha, err := r.repo.Commit(ctx, rev)
	if err != nil {
		return ""
	}
	return sha
}

// changedFiles lists the files the pull request changes, relative to the
// repository's root: git diff --name-only base...head, plus uncommitted
// and untracked files when head is the working tree.
func (r *githubRun) changedFiles(ctx context.Context, base, head string) (string, map[string]bool, error) {
	if r.repo == nil {
		return "", nil, errors.New("this is not a git checkout, or git is not installed")
	}
	against := head
	if against == "" {
		against = "HEAD"
	}
	mergeBase, err := r.repo.MergeBase(ctx, base, against)
	if err != nil {
		missing := "the base commit " + github.ShortSHA(base) + " is not"
		switch {
		case !r.repo.HasCommit(ctx, base):
		case !r.repo.HasCommit(ctx, against):
			missing = "the head commit " + github.ShortSHA(against) + " is not"
		default:
			missing = fmt.Sprintf("the history that joins the base commit %s and the head %s is not", github.ShortSHA(base), github.ShortSHA(against))
		}
		return "", nil, fmt.Errorf("%s in this checkout (give actions/checkout fetch-depth: 0 to fetch it) (%v)", missing, err)
	}
	names, err := r.repo.Changed(ctx, mergeBase, head)
	if err != nil {
		return "", nil, fmt.Errorf("git could not list the changed files (%v)", err)
	}
	changed := map[string]bool{}
	for _, n := range names {
		changed[n] = true
	}
	return mergeBase, changed, nil
}

// checkoutHead writes out the files of the head commit, to check the
// strategies as the pull request has them. On pull_request events the
// working tree is GitHub's merge commit, whose lines differ from the
// head's wherever the base branch changed a file too, while annotations
// and links are for the head. Outside git there is nothing to write out,
// and changedFiles says why.
func (r *githubRun) checkoutHead(ctx context.Context, head string) error {
	if r.repo == nil {
		return nil
	}
	if !r.repo.HasCommit(ctx, head) {
		return errors.New("that commit is not in this checkout (give actions/checkout fetch-depth: 0 to fetch it)")
	}
	side, err := checkout(ctx, head, r.root)
	if err != nil {
		if side != nil {
			os.RemoveAll(side.tmp)
		}
		return err
	}
	r.head = side
	return nil
}

// atHead is path, as given, among the head commit's files when those are
// checked and path is in the repository; else path itself.
func (r *githubRun) atHead(path string) string {
	rel, ok := r.inRepo(path)
	if r.head == nil || !ok {
		return path
	}
	return filepath.Join(r.head.tmp, filepath.FromSlash(rel))
}

// config is the config file to read: the head commit's copy of the one
// named (default .pillar.yaml) when the head's files are checked and it
// has one, else the one named.
func (r *githubRun) config() string {
	name := r.o.config
	if name == "" {
		name = ".pillar.yaml"
	}
	if at := r.atHead(name); at != name {
		if _, err := os.Stat(at); err == nil {
			return at
		}
	}
	return r.o.config
}

// shown names files among the head commit's by their path in the
// repository in a message, and the head commit's folder as the
// repository's root.
func (r *githubRun) shown(msg string) string {
	if r.head == nil {
		return msg
	}
	msg = strings.ReplaceAll(msg, r.head.tmp+string(filepath.Separator), "")
	return strings.ReplaceAll(msg, r.head.tmp, r.root)
}

// toRepo names path relative to the repository's root with slashes, as
// GitHub names files; outside a repository it stays as given.
func (r *githubRun) toRepo(path string) string {
	if rel, ok := r.inRepo(path); ok {
		return rel
	}
	return filepath.ToSlash(path)
}

// inRepo is path relative to the repository's root with slashes, and
// whether it is in the repository: in the working tree, or among the head
// commit's files.
func (r *githubRun) inRepo(path string) (string, bool) {
	if r.root == "" || path == "" {
		return "", false
	}
	if r.head != nil {
		if rel, err := filepath.Rel(r.head.tmp, path); err == nil && filepath.IsLocal(rel) {
			return filepath.ToSlash(rel), true
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	real := abs
	if p, err := filepath.EvalSymlinks(abs); err == nil {
		real = p
	} else if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		real = filepath.Join(dir, filepath.Base(abs))
	}
	rel, err := filepath.Rel(r.realRoot, real)
	if err != nil || (rel != "." && !filepath.IsLocal(rel)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func (r *githubRun) toRepoResult(res *schema.Result) {
	res.Path = r.toRepo(res.Path)
	for i := range res.Files {
		res.Files[i] = r.toRepo(res.Files[i])
	}
	for i := range res.Diagnostics {
		d := &res.Diagnostics[i]
		d.File = r.toRepo(d.File)
		d.Message, d.Hint = r.shown(d.Message), r.shown(d.Hint)
		if d.Fix != nil {
			f := *d.Fix
			f.File = r.toRepo(f.File)
			d.Fix = &f
		}
	}
}

// touched keeps the strategies a change reaches: one of their files
// changed (the main file, an include, a parent), or a YAML file in their
// folder that is in no deeper strategy's folder (a new or dropped
// include), or the config file whose rules they all follow.
func (r *githubRun) touched(results []schema.Result, changed map[string]bool) []schema.Result {
	config := r.o.config
	if config == "" {
		config = ".pillar.yaml"
	}
	if changed[r.toRepo(config)] {
		return results
	}
	dirs := make([]string, len(results))
	for i, res := range results {
		dirs[i] = path2dir(r.toRepo(res.Path))
	}
	keep := make([]bool, len(results))
	for i, res := range results {
		for _, f := range res.Files {
			if changed[r.toRepo(f)] {
				keep[i] = true
			}
		}
	}
	for f := range changed {
		ext := strings.ToLower(filepath.Ext(f))
		if ext != ".yaml" && ext != ".yml" {
			continue
		}
		// The deepest folder holding f; "." holds every file.
		deepest := -1
		for _, d := range dirs {
			if d == "." {
				deepest = max(deepest, 0)
			} else if strings.HasPrefix(f, d+"/") {
				deepest = max(deepest, len(d))
			}
		}
		for i, d := range dirs {
			if deepest == 0 && d == "." || deepest > 0 && len(d) == deepest && strings.HasPrefix(f, d+"/") {
				keep[i] = true
			}
		}
	}
	var out []schema.Result
	for i, res := range results {
		if keep[i] {
			out = append(out, res)
		}
	}
	return out
}

// path2dir is the folder of a slash path, "." for a file at the root.
func path2dir(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return "."
	}
	return p[:i]
}

// writeAnnotations prints the findings for the log, each followed by its
// workflow command (::error file=…,line=…::…), which the runner turns
// into an annotation: package schema's text format with annotations on.
func writeAnnotations(w io.Writer, results []schema.Result, strict bool) error {
	f, err := schema.NewFormatter("text", w, schema.FormatOptions{Annotations: true, Strict: strict})
	if err != nil {
		return err
	}
	for _, res := range results {
		if err := f.Write(res); err != nil {
			return err
		}
	}
	return f.Flush()
}

// compare diffs each checked strategy between the merge base and head,
// reading both sides from git (head "" is the working tree).
func (r *githubRun) compare(ctx context.Context, results []schema.Result, mergeBase, head, baseLabel, headLabel string,
	now time.Time, rules map[string]string, from, to strategy.Date) []github.Change {
	side := func(rev string) (*diffSide, error) {
		if rev == head && r.head != nil {
			return r.head, nil
		}
		return r.side(ctx, rev)
	}
	var out []github.Change
	for _, res := range results {
		ch := github.Change{Path: res.Path}
		out = append(out, ch)
		c := &out[len(out)-1]
		// A version with errors still tells what changed, as long as it
		// reads as a strategy; only its plan waits for the errors to go.
		load := func(path, root string) (s *strategy.Strategy, errs int) {
			doc, err := strategy.LoadDocument(path, strategy.Limits{Root: root})
			if err != nil {
				return nil, 1
			}
			vr, s := schema.Validate(doc, schema.Options{Now: now, Rules: rules})
			return s, vr.Count(schema.Error)
		}
		var newS *strategy.Strategy
		var newErrs int
		if head == "" {
			path := filepath.Join(r.root, filepath.FromSlash(res.Path))
			newS, newErrs = load(path, rootOf(path, r.o.root))
		} else {
			hs, err := side(head)
			if err != nil {
				c.Note = fmt.Sprintf("Not compared: %v.", err)
				continue
			}
			newS, newErrs = load(filepath.Join(hs.tmp, filepath.FromSlash(res.Path)), hs.tmp)
		}
		if newS == nil {
			c.Note = unreadable(res)
			continue
		}
		c.Brand = newS.Brand.Name
		bs, err := side(mergeBase)
		if err != nil {
			c.Note = fmt.Sprintf("Not compared: %v.", err)
			continue
		}
		oldPath := filepath.Join(bs.tmp, filepath.FromSlash(res.Path))
		if _, err := os.Stat(oldPath); err != nil {
			c.Note = fmt.Sprintf("New in this pull request: there is no earlier version on %s to compare with.", baseLabel)
			continue
		}
		oldS, oldErrs := load(oldPath, bs.tmp)
		if oldS == nil {
			c.Note = fmt.Sprintf("Not compared: the version on %s cannot be read as a strategy.", baseLabel)
			continue
		}
		if newErrs > 0 || oldErrs > 0 {
			which := "This version has errors"
			switch {
			case newErrs > 0 && oldErrs > 0:
				which = fmt.Sprintf("This version and the one on %s have errors", baseLabel)
			case oldErrs > 0:
				which = fmt.Sprintf("The version on %s has errors", baseLabel)
			}
			c.Diff = render.CompareUnplanned(baseLabel, headLabel, oldS, newS,
				which+", so the calendar impact (posts planned, pillar mix) cannot be computed until they are fixed.")
			continue
		}
		before, err := planner.Plan(oldS, planner.Options{From: from, To: to})
		if err != nil {
			c.Note = fmt.Sprintf("Not compared: the version on %s cannot be planned (%v).", baseLabel, err)
			continue
		}
		after, err := planner.Plan(newS, planner.Options{From: from, To: to})
		if err != nil {
			c.Note = fmt.Sprintf("Not compared: this version cannot be planned (%v).", err)
			continue
		}
		c.Diff = render.ComparePlans(baseLabel, headLabel, oldS, newS, before, after)
	}
	return out
}

// unreadable says why a version with errors is not compared at all: its
// files do not read as a strategy (YAML that does not parse, a value of
// the wrong type), naming the first error.
func unreadable(res schema.Result) string {
	for _, d := range res.Diagnostics {
		if d.Severity == schema.Error {
			return fmt.Sprintf("Not compared: this version cannot be read as a strategy, so there is nothing to compare yet. The first error: %s:%d:%d: %s (%s).",
				filepath.ToSlash(d.File), d.Line, d.Column, d.Message, d.Rule)
		}
	}
	return "Not compared: this version cannot be read as a strategy (see the findings)."
}

// links are the addresses the Markdown links to: files at sha, the commit
// the check run is about.
func (r *githubRun) links(sha string) github.Links {
	l := github.Links{ServerURL: r.gctx.ServerURL, Repo: r.gctx.Repo, SHA: sha}
	if id := r.e.Getenv("GITHUB_RUN_ID"); id != "" && l.Repo != "" && strings.Trim(id, "0123456789") == "" {
		l.RunURL = strings.TrimRight(l.ServerURL, "/") + "/" + l.Repo + "/actions/runs/" + id
	}
	return l
}

// writeSummary appends the report to the job summary file.
func (r *githubRun) writeSummary(rep *github.Report) {
	path := r.gctx.StepSummary
	if path == "" {
		if r.gctx.Actions {
			r.notef("GITHUB_STEP_SUMMARY is not set: no job summary written.")
		}
		return
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err == nil {
		_, err = io.WriteString(f, rep.StepSummary())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		r.notef("could not write the job summary: %v", err)
		r.failed = true
	}
}

// publish creates or updates the comment and creates the check run. A
// refusal (403) is a note, not a failure: the annotations and the job
// summary already hold the findings.
func (r *githubRun) publish(ctx context.Context, rep *github.Report, deps githubDeps) {
	o := r.o
	if !o.comment && !o.checkRun {
		return
	}
	if r.gctx.Repo == "" {
		r.notef("no repository named (GITHUB_REPOSITORY or --repo): no comment and no check run.")
		return
	}
	if r.token == "" && !o.dryRun {
		r.notef("%s", noTokenNote(o.tokenEnv))
		return
	}
	// One deadline over everything sent to GitHub, so that a slow or
	// failing API never holds the job for longer.
	ctx, cancel := context.WithTimeoutCause(ctx, o.timeout,
		fmt.Errorf("out of time: pillar github talks to GitHub for at most %s in all (--timeout)", o.timeout))
	defer cancel()
	client, err := github.NewClient(github.Options{
		Token:     r.token,
		APIURL:    r.gctx.APIURL,
		Transport: deps.transport,
		DryRun:    dryRunWriter(o.dryRun, r.e.Stdout),
		Sleep:     deps.sleep,
		Now:       r.e.Now,
	})
	if err != nil {
		r.notef("%v", err)
		r.failed = true
		return
	}
	if o.suggest && o.comment && r.number != 0 {
		r.suggest(ctx, client, rep)
	}
	refused := func(err error) {
		why := "The token may not do this: give the job 'permissions: pull-requests: write' for the comment and 'checks: write' for the check run."
		if r.pr.FromFork() {
			why = "The pull request comes from a fork, and GitHub gives such runs a read-only token."
		}
		r.notef("%v. %s The findings are in the annotations and the job summary.", err, why)
	}
	if o.dryRun {
		defer r.notef("dry run: nothing was sent to GitHub.")
	}
	if o.checkRun {
		r.checkRun(ctx, client, rep, refused)
	}
	// The comment comes second, so that it can link to the check run.
	if o.comment {
		switch {
		case r.number == 0:
			r.notef("not a pull request: no comment (the check run and the job summary have the findings).")
		default:
			put := client.UpsertComment
			if len(rep.Results) == 0 {
				// Nothing to say: keep an earlier comment true, but do not
				// start one on every pull request of the repository.
				put = client.UpdateComment
			}
			res, err := put(ctx, r.gctx.Repo, r.number, o.key, rep.Comment())
			switch {
			case github.IsForbidden(err):
				refused(err)
			case err != nil && res.ID != 0:
				// The comment is right; a duplicate of it stays.
				r.notef("%v", err)
			case err != nil:
				r.notef("%v", err)
				r.failed = true
			case o.dryRun:
			case res.ID == 0:
				r.notef("no strategy changed: no comment on pull request #%d.", r.number)
			case res.Created:
				r.notef("commented on pull request #%d: %s", r.number, res.URL)
			case res.Unchanged:
				r.notef("the comment on pull request #%d already says this: %s", r.number, res.URL)
			default:
				r.notef("updated the comment on pull request #%d: %s", r.number, res.URL)
			}
			if res.Removed > 0 {
				r.notef("deleted %s of it, left by runs that overlapped.", numfmt.Count(res.Removed, "duplicate", ""))
			}
		}
	}
}

// checkRun creates or updates the check run, and gives rep its address for
// the comment to link to.
func (r *githubRun) checkRun(ctx context.Context, client *github.Client, rep *github.Report, refused func(error)) {
	sha := r.headSHA(ctx)
	if sha == "" {
		r.notef("no commit to put the check run on (GITHUB_SHA or --head): no check run.")
		return
	}
	run := rep.CheckRun(sha, r.e.Now())
	run.ExternalID = r.checkRunID()
	res, err := client.CreateCheckRun(ctx, r.gctx.Repo, run)
	if res.ID != 0 && !r.o.dryRun {
		rep.Links.CheckRunURL = res.URL
	}
	switch {
	case github.IsForbidden(err):
		refused(err)
	case err != nil && res.ID != 0:
		r.notef("%v. The check run is there (%s) with %d of its %d annotations at least; the job summary lists every finding.",
			err, res.URL, res.Annotations, len(run.Annotations))
		r.failed = true
	case err != nil && res.MayExist:
		r.notef("%v. The check run may exist on GitHub all the same, and be incomplete: it may lack some of its %s. The job summary lists every finding.",
			err, numfmt.Count(len(run.Annotations), "annotation", ""))
		r.failed = true
	case err != nil:
		r.notef("%v", err)
		r.failed = true
	case r.o.dryRun:
	case res.Updated:
		r.notef("updated check run %q on %s, made earlier in this workflow run: %s, %s in %s: %s", run.Name, github.ShortSHA(sha), run.Conclusion,
			numfmt.Count(len(run.Annotations), "annotation", ""), numfmt.Count(res.Requests, "request", ""), res.URL)
		if res.Kept > 0 {
			r.notef("the check run keeps %s from before that this run did not find: GitHub does not take annotations back.", numfmt.Count(res.Kept, "annotation", ""))
		}
	default:
		r.notef("check run %q on %s: %s, %s in %s: %s", run.Name, github.ShortSHA(sha), run.Conclusion,
			numfmt.Count(len(run.Annotations), "annotation", ""), numfmt.Count(res.Requests, "request", ""), res.URL)
	}
}

// checkRunID is the check run's external id: one check run per workflow
// run, attempt and comment key (the check run's name holds the key too).
// A second invocation of pillar with the same identity, or a create that
// GitHub carried out although its answer was lost, then finds the check
// run and updates it rather than making another; a re-run of the workflow
// (a new attempt) or another key gets its own. Outside Actions there is no
// run: "local", one check run per commit and key.
func (r *githubRun) checkRunID() string {
	run, attempt := strings.TrimSpace(r.e.Getenv("GITHUB_RUN_ID")), strings.TrimSpace(r.e.Getenv("GITHUB_RUN_ATTEMPT"))
	if run == "" {
		run = "local"
	}
	if attempt == "" {
		attempt = "1"
	}
	id := "pillar/" + run + "/" + attempt
	if r.o.key != "" {
		id += "/" + r.o.key
	}
	return id
}

// noTokenNote says how to give pillar a token, naming the variable it
// read: the one --token-env names, GITHUB_TOKEN unless told otherwise.
func noTokenNote(name string) string {
	const rest = " in the step's env to get a PR comment and check run. The findings are in the annotations and the job summary."
	if name == "GITHUB_TOKEN" {
		return "no token: set GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}" + rest
	}
	return fmt.Sprintf("no token: %s, the variable --token-env names, is empty or not set: set %s: ${{ secrets.GITHUB_TOKEN }} (or a secret of your own)%s", name, name, rest)
}

func dryRunWriter(on bool, w io.Writer) io.Writer {
	if on {
		return w
	}
	return nil
}
