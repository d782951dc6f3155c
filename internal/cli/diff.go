package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

type diffOptions struct {
	old, new string
	path     string
	format   string
	from, to string
}

func diffCommand() *command {
	c := &command{
		name:    "diff",
		summary: "say what a change to the strategy does to the plan",
		usage: `Usage: pillar diff OLD NEW [PATH] [flags]

Compares two versions of a strategy and says what changed, in plain words:
personas, channels and their cadence, pillar weights, tactics, influencers,
community rules, the calendar, KPIs and rules ("Brand pillar 40% → 35%",
"Instagram: 5 → 4 posts a week", "Influencer @anna.style: prospect →
partner"). Items are matched by id (influencers by platform and handle),
never by their place in a list. Then it plans both versions over the same
period and compares the calendars: posts per channel and the pillar mix,
before and after ("13 fewer posts in Q1 2027").

OLD and NEW are each a strategy (a file, or a folder holding strategy.yaml)
or, when no such file or folder exists, a git revision: the strategy at PATH
(default the current folder) as it was in that commit, with its includes
and the strategies it extends read from the same commit. Both versions are
validated; a version with errors is reported and not compared.

The period is the next calendar quarter unless --from or --to say
otherwise. The report is text for a terminal, md for a pull-request
comment, or json for tools (brand, old, new, changes, weights, impact).
The exit code is 0 whether or not anything changed; 1 when a version has
errors; 2 when a version cannot be read (a path that does not exist, a
revision git does not know).

Examples:
  pillar diff main HEAD                        # the strategy in . on main and now
  pillar diff HEAD~1 HEAD examples/nordlys --format md
  pillar diff old/strategy.yaml strategy.yaml --format json
  pillar diff main HEAD brands/coffee --from 2027-01-01 --to 2028-01-01
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		o, err := parseDiff(c, e, args)
		if err != nil {
			return err
		}
		return runDiff(ctx, e, o)
	}
	return c
}

func parseDiff(c *command, e *Env, args []string) (diffOptions, error) {
	var o diffOptions
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.StringVar(&o.format, "format", "text", "output `format`: "+strings.Join(render.DiffFormats(), ", "))
	fs.StringVar(&o.from, "from", "", "first `date` of the period to plan, YYYY-MM-DD (default the first day of the next quarter)")
	fs.StringVar(&o.to, "to", "", "`date` after the period's last day, YYYY-MM-DD (default three months after --from)")
	pos, err := parse(fs, c, e, args)
	if err != nil {
		return o, err
	}
	switch len(pos) {
	case 2:
		o.old, o.new, o.path = pos[0], pos[1], "."
	case 3:
		o.old, o.new, o.path = pos[0], pos[1], pos[2]
	default:
		return o, usagef(c.name, "Give the two versions to compare, e.g. 'pillar diff main HEAD' or 'pillar diff old.yaml new.yaml'.",
			"diff takes OLD and NEW and an optional PATH, got %d argument(s)", len(pos))
	}
	if !contains(render.DiffFormats(), o.format) {
		return o, usagef(c.name, "Use one of: "+strings.Join(render.DiffFormats(), ", ")+".", "unknown format %q", o.format)
	}
	return o, nil
}

// nextQuarter is the first day of the calendar quarter after the one day is
// in.
func nextQuarter(day strategy.Date) strategy.Date {
	first := strategy.Date{Year: day.Year, Month: (day.Month-1)/3*3 + 1, Day: 1}
	return first.AddMonths(3)
}

func runDiff(ctx context.Context, e *Env, o diffOptions) error {
	from, to, err := period("diff", o.from, o.to, nextQuarter(todayOf(e)))
	if err != nil {
		return err
	}
	var sides [2]*strategy.Strategy
	var cals [2]*planner.Calendar
	for i, arg := range []string{o.old, o.new} {
		v, err := openVersion(ctx, arg, o.path)
		if v != nil && v.tmp != "" {
			defer os.RemoveAll(v.tmp)
		}
		if err != nil {
			return err
		}
		s, err := v.load(e)
		if err != nil {
			return err
		}
		cal, err := planner.Plan(s, planner.Options{From: from, To: to})
		if err != nil {
			return usagef("diff", "", "%s: %s", v.name, strings.TrimPrefix(err.Error(), "plan: "))
		}
		sides[i], cals[i] = s, cal
	}
	d := render.ComparePlans(o.old, o.new, sides[0], sides[1], cals[0], cals[1])
	return render.WriteDiff(e.Stdout, d, o.format)
}

// diffSide is one side of a diff: a strategy on disk, or one written out of
// a git revision into a temporary folder.
type diffSide struct {
	name string // as the user gave it
	path string // what to load
	tmp  string // the temporary folder to remove, for a revision
	// show is how files in tmp are named for people: "REV:" and the path
	// from the repository's root, the way git names them.
	show string
}

// openVersion reads arg as a path when one exists, else as a git revision
// of the strategy at path.
func openVersion(ctx context.Context, arg, path string) (*diffSide, error) {
	if _, err := os.Stat(arg); err == nil {
		return &diffSide{name: arg, path: arg}, nil
	}
	return checkout(ctx, arg, path)
}

// load validates the version like loadValid does, naming files of a
// revision as REV:path.
func (v *diffSide) load(e *Env) (*strategy.Strategy, error) {
	doc, err := strategy.LoadDocument(v.path, strategy.DefaultLimits)
	if err != nil {
		if v.tmp != "" {
			return nil, usagef("diff", "Give the strategy's path inside the repository as PATH.", "%s: no strategy at %s", v.name, v.rename(v.path))
		}
		return nil, fmt.Errorf("%s", readError(v.path, err))
	}
	res, s := schema.Validate(doc, schema.Options{Now: e.Now()})
	if v.tmp != "" {
		res.Path = v.rename(res.Path)
		for i := range res.Files {
			res.Files[i] = v.rename(res.Files[i])
		}
		for i := range res.Diagnostics {
			res.Diagnostics[i].File = v.rename(res.Diagnostics[i].File)
		}
	}
	if res.Count(schema.Error) > 0 || s == nil {
		f, _ := schema.NewFormatter("text", e.Stderr, schema.FormatOptions{})
		f.Write(res)
		f.Flush()
		fmt.Fprintf(e.Stderr, "pillar diff: %s has errors; fix them before comparing\n", v.name)
		return nil, &exitError{ExitFindings}
	}
	return s, nil
}

func (v *diffSide) rename(file string) string {
	if v.tmp == "" {
		return file
	}
	rel, err := filepath.Rel(v.tmp, file)
	if err != nil || !filepath.IsLocal(rel) {
		return file
	}
	return v.show + filepath.ToSlash(rel)
}

// maxCheckout bounds how much a revision may write to the temporary folder.
const maxCheckout = 256 << 20

// checkout writes the YAML files of the repository holding path, as they
// are at rev, into a temporary folder, so that a strategy's includes and
// extends are read from the same commit. Only .yaml and .yml files (and
// path itself) are written: that is all a strategy can refer to.
func checkout(ctx context.Context, rev, path string) (*diffSide, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, usagef("diff", "", "%s is not a file, a folder or a git revision", rev)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	// Start git from the nearest folder that exists: path may be gone
	// from the working tree and still be in the revision.
	dir := abs
	for {
		if fi, err := os.Stat(dir); err == nil {
			if !fi.IsDir() {
				dir = filepath.Dir(dir)
			}
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	top, err := git(ctx, dir, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, usagef("diff", "Give the path of a strategy file or folder, or run pillar diff inside a git repository.",
			"%s is not a file or folder, and %s is not in a git repository to read it as a revision (%v)", rev, path, err)
	}
	root := strings.TrimSpace(string(top))
	if _, err := git(ctx, root, nil, "rev-parse", "--verify", "--end-of-options", rev+"^{commit}"); err != nil {
		return nil, usagef("diff", "Give a branch, tag or commit that git knows (see 'git log --oneline'), or the path of a strategy.",
			"%s is neither a file or folder nor a revision git knows (%v)", rev, err)
	}
	rel, err := relTo(root, abs, dir)
	if err != nil {
		return nil, usagef("diff", "", "%s is outside the git repository at %s", path, root)
	}
	tmp, err := os.MkdirTemp("", "pillar-diff-")
	if err != nil {
		return nil, err
	}
	v := &diffSide{name: rev, tmp: tmp, path: filepath.Join(tmp, rel), show: rev + ":"}
	if err := writeRevision(ctx, root, rev, rel, tmp); err != nil {
		return v, usagef("diff", "", "read %s at %s: %v", rel, rev, err)
	}
	return v, nil
}

// relTo is abs relative to the repository root, with symbolic links in the
// part of it that exists (dir) resolved the way git resolves the root.
func relTo(root, abs, dir string) (string, error) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	rest, err := filepath.Rel(dir, abs)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(realRoot, filepath.Join(realDir, rest))
	if err != nil || (rel != "." && !filepath.IsLocal(rel)) {
		return "", errors.New("outside")
	}
	return rel, nil
}

// writeRevision lists the tree at rev and writes the files wanted into tmp,
// reading their contents through one `git cat-file --batch`.
func writeRevision(ctx context.Context, root, rev, rel, tmp string) error {
	list, err := git(ctx, root, nil, "ls-tree", "-r", "-z", "--full-tree", "--end-of-options", rev)
	if err != nil {
		return err
	}
	var paths, objects []string
	want := filepath.ToSlash(rel)
	for _, entry := range strings.Split(string(list), "\x00") {
		meta, name, ok := strings.Cut(entry, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 || fields[1] != "blob" || fields[0] == "120000" {
			continue // submodules, symbolic links
		}
		ext := strings.ToLower(filepath.Ext(name))
		if ext != ".yaml" && ext != ".yml" && name != want {
			continue
		}
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			continue
		}
		paths = append(paths, name)
		objects = append(objects, fields[2])
	}
	if len(objects) == 0 {
		return nil
	}
	cmd := exec.CommandContext(ctx, "git", "-C", root, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(strings.Join(objects, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	r := bufio.NewReader(out)
	var total int64
	readErr := func() error {
		for _, name := range paths {
			header, err := r.ReadString('\n')
			if err != nil {
				return fmt.Errorf("git cat-file: %v", err)
			}
			f := strings.Fields(header)
			if len(f) != 3 || f[1] != "blob" {
				return fmt.Errorf("git cat-file: unexpected %q", strings.TrimSpace(header))
			}
			size, err := strconv.ParseInt(f[2], 10, 64)
			if err != nil || size < 0 {
				return fmt.Errorf("git cat-file: unexpected %q", strings.TrimSpace(header))
			}
			if total += size; total > maxCheckout {
				return fmt.Errorf("the revision's YAML files are larger than %d MB", maxCheckout>>20)
			}
			dst := filepath.Join(tmp, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			file, err := os.Create(dst)
			if err != nil {
				return err
			}
			_, err = io.CopyN(file, r, size)
			if cerr := file.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			if _, err := r.Discard(1); err != nil { // the newline after the contents
				return err
			}
		}
		return nil
	}()
	if readErr != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return readErr
	}
	if err := cmd.Wait(); err != nil {
		return gitError(err, stderr.Bytes())
	}
	return nil
}

// git runs git in dir and returns its output; the error carries git's own
// message.
func git(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, gitError(err, stderr.Bytes())
	}
	return out, nil
}

func gitError(err error, stderr []byte) error {
	if errors.Is(err, exec.ErrNotFound) {
		return errors.New("git is not installed")
	}
	if msg := strings.TrimSpace(string(stderr)); msg != "" {
		return fmt.Errorf("git: %s", strings.ReplaceAll(msg, "\n", "; "))
	}
	return fmt.Errorf("git: %v", err)
}
