package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

// budgetCases are the fixtures of the rules and findings that bounds
// changed or added: campaign-overlap and pillar-no-example, reported once
// per campaign and per pillar, and yaml-number.
var budgetCases = []ruleCase{
	{name: "campaign-overlap-many", rules: []string{"campaign-overlap", "period-order"}},
	{name: "pillar-no-example-many", rules: []string{"pillar-no-example", "unknown-reference"}},
	{name: "yaml-number", rules: []string{"yaml-number", "pillar-weights-sum"}},
	{name: "yaml-number-type", rules: []string{"wrong-type"}},
}

func TestRuleBudgets(t *testing.T) { runRuleCases(t, budgetCases) }

// finding builds a diagnostic of a rule at a line, for collector tests.
func finding(rule string, sev Severity, line int, msg string) Diagnostic {
	return Diagnostic{File: "s.yaml", Line: line, Column: 1, Rule: rule, Severity: sev, Message: msg}
}

func TestCollectorKeepsTheFirstOfEachRuleAndCountsTheRest(t *testing.T) {
	for _, order := range []string{"forward", "backward", "shuffled"} {
		t.Run(order, func(t *testing.T) {
			col := newCollector(nil, nil, 3, 5)
			lines := make([]int, 10)
			for i := range lines {
				lines[i] = i + 1
			}
			switch order {
			case "backward":
				for i, j := 0, len(lines)-1; i < j; i, j = i+1, j-1 {
					lines[i], lines[j] = lines[j], lines[i]
				}
			case "shuffled":
				lines = []int{7, 2, 9, 1, 10, 4, 3, 8, 6, 5}
			}
			for _, l := range lines {
				col.offer(finding("persona-stale", Warning, l, "stale"))
				col.offer(finding("duplicate-id", Error, l, "dup"))
			}
			col.offer(finding("persona-stale", Warning, 1, "stale")) // a repeat is dropped
			got, omitted := col.list()
			var where []string
			for _, d := range got {
				where = append(where, fmt.Sprintf("%d:%s", d.Line, d.Rule))
			}
			// Three of each rule, the first in output order, then the first
			// five of those six in all.
			want := "1:duplicate-id 1:persona-stale 2:duplicate-id 2:persona-stale 3:duplicate-id"
			if strings.Join(where, " ") != want {
				t.Errorf("listed %v, want %s", where, want)
			}
			wantOmitted := []Omitted{{"duplicate-id", Error, 7}, {"persona-stale", Warning, 8}}
			if !reflect.DeepEqual(omitted, wantOmitted) {
				t.Errorf("omitted %+v, want %+v", omitted, wantOmitted)
			}
		})
	}
}

func TestCollectorGradesAndSilencesBeforeCounting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "strategy.yaml")
	os.WriteFile(path, []byte("version: 1\nbrand: {name: B, timezone: Europe/Oslo}\n# pillar:ignore persona-stale\nx-a: 1\n"), 0o644)
	doc, err := strategy.LoadDocument(path, strategy.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	col := newCollector(doc.Source, map[string]Severity{"channel-no-owner": Off, "channel-no-role": Info}, 1, -1)
	at := func(rule string, line int) Diagnostic {
		return Diagnostic{File: path, Line: line, Column: 1, Rule: rule, Severity: Warning, Message: rule}
	}
	for line := 1; line <= 5; line++ {
		col.offer(at("channel-no-owner", line)) // off: neither listed nor counted
		col.offer(at("channel-no-role", line))  // re-graded to info
	}
	col.offer(at("persona-stale", 4)) // silenced on its line
	col.offer(at("persona-stale", 2)) // not silenced
	col.offer(at("version", 4))       // fixed rules are never silenced
	got, omitted := col.list()
	var listed []string
	for _, d := range got {
		listed = append(listed, fmt.Sprintf("%d:%s:%s", d.Line, d.Rule, d.Severity))
	}
	if want := "1:channel-no-role:info 2:persona-stale:warning 4:version:warning"; strings.Join(listed, " ") != want {
		t.Errorf("listed %v, want %s", listed, want)
	}
	if want := []Omitted{{"channel-no-role", Info, 4}}; !reflect.DeepEqual(omitted, want) {
		t.Errorf("omitted %+v, want %+v", omitted, want)
	}
}

// spy is a message argument that counts how often it is written.
type spy struct{ n *int }

func (s spy) String() string { *s.n++; return "x" }

// TestFindingsPastTheCapAreNotWritten: a finding that will not be listed
// is counted before its message is written, so a rule with a million
// findings pays for a hundred messages (and suggestions).
func TestFindingsPastTheCapAreNotWritten(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nbrand: {name: B, timezone: Europe/Oslo}\npersonas:\n")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&b, "  - {id: p%d, name: P}\n", i)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "strategy.yaml")
	os.WriteFile(path, []byte(b.String()), 0o644)
	doc, err := strategy.LoadDocument(path, strategy.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := doc.Decode()
	col := newCollector(doc.Source, nil, 10, -1)
	c := &checker{s: s, src: doc.Source, col: col}
	written := 0
	for i := range s.Personas {
		c.report("persona-unserved", strategy.Pointer("personas", i, "id"), false, "", "%s", spy{&written})
	}
	got, omitted := col.list()
	if len(got) != 10 || written != 10 || omitted[0].Count != 990 {
		t.Errorf("%d listed, %d messages written, omitted %+v; want 10, 10 and 990", len(got), written, omitted)
	}
}

func TestValidateCapsAndCounts(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nbrand: {name: B, timezone: Europe/Oslo}\npersonas:\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&b, "  - {id: p%03d, name: P, last_reviewed: 2026-10-01}\n", i)
	}
	b.WriteString("channels:\n")
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "  - {id: c%02d, platform: instagram, personas: [p000], role: r, response_sla: 4h}\n", i)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "strategy.yaml")
	os.WriteFile(path, []byte(b.String()), 0o644)
	for _, tc := range []struct {
		name              string
		perRule, total    int
		listed            int
		unserved, noOwner int // listed of each
	}{
		// 299 personas no channel serves, then 30 channels without owners.
		{"defaults", 0, 0, 130, 100, 30},
		{"per rule", 20, 0, 40, 20, 20},
		{"in total", 0, 50, 50, 50, 0}, // the first 50 in file order
		{"no caps", -1, -1, 329, 299, 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ValidateFile(path, Options{Now: ruleNow, MaxPerRule: tc.perRule, MaxFindings: tc.total})
			if err != nil {
				t.Fatal(err)
			}
			if res.Count(Warning) != 299+30 {
				t.Errorf("%d warnings counted, want all 329", res.Count(Warning))
			}
			if len(res.Diagnostics)+res.OmittedCount() != 329 {
				t.Errorf("%d listed + %d omitted, want 329", len(res.Diagnostics), res.OmittedCount())
			}
			n := map[string]int{}
			for i, d := range res.Diagnostics {
				n[d.Rule]++
				if i > 0 && before(d, res.Diagnostics[i-1]) {
					t.Fatalf("listed out of order at %d", i)
				}
			}
			if len(res.Diagnostics) != tc.listed || n["persona-unserved"] != tc.unserved || n["channel-no-owner"] != tc.noOwner {
				t.Errorf("listed %d (%v), want %d: %d unserved, %d without owner", len(res.Diagnostics), n, tc.listed, tc.unserved, tc.noOwner)
			}
			for _, o := range res.Omitted {
				if listed := n[o.Rule]; o.Severity != Warning || listed+o.Count != map[string]int{"persona-unserved": 299, "channel-no-owner": 30}[o.Rule] {
					t.Errorf("omitted %+v does not add up with %d listed", o, listed)
				}
			}
		})
	}
}

func TestRRuleTimesOfDayAreBounded(t *testing.T) {
	for _, tc := range []struct {
		rule string
		ok   bool
	}{
		{"FREQ=DAILY;BYHOUR=" + seqList(0, 24) + ";BYMINUTE=0,15,30,45", true}, // 96: every 15 minutes
		{"FREQ=DAILY;BYHOUR=" + seqList(0, 24) + ";BYMINUTE=0,10,20,30,40,50", false},
		{"FREQ=DAILY;BYHOUR=9,10;BYMINUTE=" + seqList(0, 60), false},
		{"FREQ=DAILY;BYHOUR=9,9,9,9;BYMINUTE=0", true}, // repeats count once
	} {
		msg, _, _ := parseRRule(tc.rule, true, false)
		if (msg == "") != tc.ok {
			t.Errorf("%.60s…: %q, want ok=%v", tc.rule, msg, tc.ok)
		}
		if !tc.ok && !strings.Contains(msg, "more than 96 times of day") {
			t.Errorf("message %q", msg)
		}
	}
}

func seqList(from, n int) string {
	var parts []string
	for i := from; i < from+n; i++ {
		parts = append(parts, fmt.Sprint(i))
	}
	return strings.Join(parts, ",")
}

// TestLeanestWeekIn9999IsLeanestWeekIn2027: rules are expanded in 9999,
// where a rule that never happens is cheap, because its calendar is
// 2027's; every rule must give the same verdict in both.
func TestLeanestWeekIn9999IsLeanestWeekIn2027(t *testing.T) {
	rules := []string{
		"FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9",
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=9",
		"FREQ=DAILY;BYHOUR=9,18",
		"FREQ=DAILY;INTERVAL=3;BYHOUR=9",
		"FREQ=MONTHLY;BYDAY=1FR;BYHOUR=12",
		"FREQ=MONTHLY;BYMONTHDAY=1,15;BYHOUR=9",
		"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;BYHOUR=16",
		"FREQ=YEARLY;BYWEEKNO=1,2,3,4,5;BYDAY=MO;BYHOUR=9",
		"FREQ=YEARLY;BYYEARDAY=4,11,18,25;BYHOUR=9",
		"FREQ=WEEKLY;WKST=SU;BYDAY=SU,SA;BYHOUR=10",
		"FREQ=YEARLY;BYMONTH=1;BYDAY=MO;BYHOUR=8,20",
		"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;BYHOUR=9",
	}
	saved := weekStart
	defer func() { weekStart = saved }()
	for _, rule := range rules {
		_, _, opt := parseRRule(rule, true, false)
		if opt == nil {
			t.Fatalf("%s does not parse", rule)
		}
		weekStart = time.Date(2027, time.January, 4, 0, 0, 0, 0, time.UTC)
		in2027 := leanestWeek(opt)
		weekStart = saved
		if got := leanestWeek(opt); got != in2027 {
			t.Errorf("%s: %d in 9999, %d in 2027", rule, got, in2027)
		}
	}
}

func TestLongMessagesAreClipped(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"ææææææææææ", 10, "ææææææææææ"}, // 10 code points, 20 bytes
		{"ææææææææææx", 10, "æææææææææ…"},
		{"abcdefghijklmnop", 5, "abcd…"},
	} {
		if got := clipText(tc.in, tc.n); got != tc.want {
			t.Errorf("clipText(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
	// A 500 KB id quoted in a message and a hint is cut to size.
	doc, _ := loaded(t, "version: 1\nbrand: {name: B, timezone: Europe/Oslo}\npillars:\n  - {id: a, name: A, weight: 100}\n"+
		"channels:\n  - {id: ig, platform: instagram}\n"+
		"tactics:\n  - {id: t, name: T, goal: engagement, pillar: "+strings.Repeat("b", 500_000)+", channels: [ig], schedule: {date: 2027-01-01, time: \"09:00\"}}\n")
	res, _ := Validate(doc, Options{Now: ruleNow})
	found := false
	for _, d := range res.Diagnostics {
		if n := len([]rune(d.Message)); n > maxMessage || len([]rune(d.Hint)) > maxMessage {
			t.Errorf("%s: message of %d code points", d.Rule, n)
		}
		found = found || d.Rule == "unknown-reference"
	}
	if !found {
		t.Errorf("no unknown-reference finding in %v", res.Diagnostics)
	}
}
