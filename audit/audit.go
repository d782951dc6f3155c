// Package audit checks real post history and mention logs against a
// strategy and its plan: cadence, pillar mix, timing, tactics, influencers,
// response times, engagement, disclosure, follower growth and link clicks,
// the mentions' sentiment, volume and authors, with a verdict per KPI.
//
// Run streams the inputs: memory holds the plan, a fixed amount per channel,
// pillar and week, 11–21 bytes per row id (to find repeated ids) and four
// bytes per answered mention (for exact percentiles), and at most
// voiceCapacity mention authors — never the rows.
package audit

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// Options say what to audit and how.
type Options struct {
	// From is the first day of the period; To is the day after the last:
	// the period is [From, To) in each channel's timezone.
	From, To strategy.Date
	// Posts is the post history; it is required.
	Posts Input
	// Mentions is the mention log; nil skips the response metrics.
	Mentions *Input
	// TacticResults is the tactic results file: per executed occurrence,
	// values of the tactic's KPIs (see readTacticResults); nil for none.
	TacticResults *Input
	// Read says how both inputs are read (format, mapping, delimiter,
	// encoding); an empty Format is worked out per file.
	Read ReadOptions
	// Tolerance is how far from a planned slot a post may go out and
	// still count as on time; 0 asks for the slot's exact second. The
	// command line's default is DefaultTolerance.
	Tolerance time.Duration
	// FailOn lists the KPI keys whose miss fails the audit; nil means
	// every KPI, an empty non-nil slice none.
	FailOn []string
	// MinSample is the fewest posts an hour of the week or a pillar needs
	// before a recommendation relies on it; the default is
	// DefaultMinSample.
	MinSample int
	// Compare, when set, is a second period audited from the same files
	// in the same pass (see PreviousPeriod); the report's Compare holds
	// it and the change of every headline figure.
	Compare *Period
}

// Input is one file to read.
type Input struct {
	// Name is the file's name as given, used in messages and the report.
	Name string
	// R reads the file's bytes.
	R io.Reader
}

// DefaultTolerance is the default on-time tolerance either side of a slot.
const DefaultTolerance = 60 * time.Minute

// DefaultMinSample is the default minimum sample for recommendations.
const DefaultMinSample = 5

// The KPI keys, in the order the verdict lists them.
const (
	KPICadence    = "cadence_adherence"
	KPIPillars    = "pillar_tolerance"
	KPIResponse   = "response_within_sla"
	KPIEngagement = "engagement_rate"
	KPIReach      = "reach_per_week"
	KPIGrowth     = "follower_growth"
	KPIClicks     = "clicks_per_week"
	KPINegative   = "negative_share"
)

// KPIs lists the KPI keys --fail-on accepts, in verdict order.
var KPIs = []string{KPICadence, KPIPillars, KPIResponse, KPIEngagement, KPIReach, KPIGrowth, KPIClicks, KPINegative}

// Run audits the inputs against s over the period and returns the report.
// s must be valid (schema.Validate passed). An error means the audit could
// not be done: a bad period, an unreadable file or one without the
// required columns. Rows that cannot be read do not stop it; the report
// counts and lists them.
func Run(s *strategy.Strategy, opt Options) (*Report, error) {
	if err := checkOptions(&opt); err != nil {
		return nil, err
	}
	if err := checkFailOnTactics(s, opt.FailOn); err != nil {
		return nil, err
	}
	if opt.Compare != nil {
		return runCompare(s, opt)
	}
	a, err := newAuditor(s, opt)
	if err != nil {
		return nil, err
	}
	ps, err := ReadPosts(opt.Posts.R, opt.Posts.Name, opt.Read, a.post)
	if err != nil {
		return nil, err
	}
	if err := a.posts.finish(opt.Posts.Name, ps); err != nil {
		return nil, err
	}
	if opt.Mentions != nil {
		ms, err := ReadMentions(opt.Mentions.R, opt.Mentions.Name, opt.Read, a.mention)
		if err != nil {
			return nil, err
		}
		if err := a.mentions.finish(opt.Mentions.Name, ms); err != nil {
			return nil, err
		}
	}
	if opt.TacticResults != nil {
		if err := a.readTacticResults(*opt.TacticResults); err != nil {
			return nil, err
		}
	}
	return a.report(), nil
}

func checkOptions(opt *Options) error {
	if opt.From.IsZero() || opt.To.IsZero() {
		return errors.New("the audit needs a period: give --from and --to")
	}
	if !opt.To.After(opt.From) {
		return fmt.Errorf("the period is empty: --to %s must be after --from %s (the period is [from, to))", opt.To, opt.From)
	}
	if opt.To.After(opt.From.AddMonths(12 * planner.MaxHorizonYears)) {
		return fmt.Errorf("the period %s to %s is longer than %d years: audit a shorter period", opt.From, opt.To, planner.MaxHorizonYears)
	}
	if opt.Posts.R == nil {
		return errors.New("the audit needs a post history: give --posts FILE")
	}
	if opt.Tolerance < 0 {
		return fmt.Errorf("the on-time tolerance %s is negative", opt.Tolerance)
	}
	if opt.MinSample <= 0 {
		opt.MinSample = DefaultMinSample
	}
	for _, k := range opt.FailOn {
		if !slices.Contains(KPIs, k) && k != KPITactics && !strings.HasPrefix(k, "tactic:") {
			return fmt.Errorf("unknown KPI %q in --fail-on: use %s, %s, tactic:ID:METRIC, all or none", k, strings.Join(KPIs, ", "), KPITactics)
		}
	}
	return nil
}

// checkFailOnTactics refuses a --fail-on key tactic:ID:METRIC that names
// no KPI of the strategy's tactics: a typo there would quietly switch the
// gate off.
func checkFailOnTactics(s *strategy.Strategy, failOn []string) error {
	var keys []string
	for _, t := range s.Tactics {
		for _, k := range t.KPIs {
			keys = append(keys, TacticKPIKey(t.ID, k.Metric))
		}
	}
	for _, k := range failOn {
		if !strings.HasPrefix(k, "tactic:") || slices.Contains(keys, k) {
			continue
		}
		if len(keys) == 0 {
			return fmt.Errorf("--fail-on %s: the strategy's tactics declare no KPIs", k)
		}
		return fmt.Errorf("--fail-on %s names no tactic KPI of the strategy; its tactic KPIs are %s", k, strings.Join(keys, ", "))
	}
	return nil
}

// rowCounts is the reconciliation of one input while it is read.
type rowCounts struct {
	ids        idSet
	used       int64
	outside    int64
	unknown    int64
	duplicates int64
	rejects    []Reject // duplicates, first MaxRejectsListed
	unknownBy  nameCounter
	rec        Reconciliation
}

// maxUnknownNames bounds how many distinct unknown values are counted by
// name; further ones are counted under "(others)".
const maxUnknownNames = 1000

// nameCounter counts values from the input that the strategy does not
// know, by name, in bounded memory.
type nameCounter struct {
	m map[string]*int64
}

func (c *nameCounter) add(b []byte) {
	if p, ok := c.m[string(b)]; ok {
		*p++
		return
	}
	if c.m == nil {
		c.m = make(map[string]*int64)
	}
	name := shortName(b)
	if len(c.m) >= maxUnknownNames {
		name = "(others)"
	}
	if p, ok := c.m[name]; ok {
		*p++
		return
	}
	n := int64(1)
	c.m[name] = &n
}

// list returns the names and counts, most frequent first; nil when empty.
func (c *nameCounter) list() []NameCount {
	var out []NameCount
	for name, n := range c.m {
		out = append(out, NameCount{Name: name, Count: *n})
	}
	sortNameCounts(out)
	return out
}

func (c *rowCounts) duplicate(line int64, id []byte) {
	c.duplicates++
	if len(c.rejects) < MaxRejectsListed {
		c.rejects = append(c.rejects, Reject{Line: line, Reason: fmt.Sprintf("repeats id %s of an earlier row; the first row with the id is counted", quoteValue(id))})
	}
}

func (c *rowCounts) unknownChannel(ch []byte) {
	c.unknown++
	c.unknownBy.add(ch)
}

// finish reconciles the counts with what the reader saw; a mismatch is a
// bug, reported as an error rather than a wrong report.
func (c *rowCounts) finish(file string, st ReadStats) error {
	r := Reconciliation{
		File:           file,
		Read:           st.Rows,
		Used:           c.used,
		OutsidePeriod:  c.outside,
		UnknownChannel: c.unknown,
		Rejected:       st.Rejected + c.duplicates,
		Duplicates:     c.duplicates,
		IgnoredColumns: append([]string{}, st.Ignored...),
	}
	if r.Read != r.Used+r.OutsidePeriod+r.UnknownChannel+r.Rejected {
		return fmt.Errorf("%s: internal error: %d rows read but %d used + %d outside the period + %d unknown channel + %d rejected", file, r.Read, r.Used, r.OutsidePeriod, r.UnknownChannel, r.Rejected)
	}
	r.Rejects = mergeRejects(st.Rejects, c.rejects)
	r.UnknownChannels = c.unknownBy.list()
	c.rec = r
	c.ids = idSet{} // no longer needed: free it before the next file
	return nil
}

// mergeRejects merges two lists sorted by line and keeps the first
// MaxRejectsListed.
func mergeRejects(a, b []Reject) []Reject {
	out := make([]Reject, 0, min(len(a)+len(b), MaxRejectsListed))
	for len(out) < MaxRejectsListed && (len(a) > 0 || len(b) > 0) {
		if len(b) == 0 || (len(a) > 0 && a[0].Line <= b[0].Line) {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}

// quoteValue quotes a value from the input for a message, shortened.
func quoteValue(b []byte) string {
	const max = 40
	s := string(b)
	if len([]rune(s)) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// maxNameRunes bounds a name from the input (an unknown channel id, a
// mention type, a column) kept for the report, so a hostile file cannot
// make the report, or memory, grow with the length of its values.
const maxNameRunes = 64

// shortName returns b as a string of at most maxNameRunes runes, with an
// ellipsis when cut.
func shortName(b []byte) string {
	n := 0
	for i := range string(b) {
		if n == maxNameRunes {
			return string(b[:i]) + "…"
		}
		n++
	}
	return string(b)
}
