package schema

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// col returns the 1-based code-point column of the first sub in line, so
// that test cases say what they point at instead of counting by hand.
func col(t *testing.T, line, sub string) int {
	t.Helper()
	i := strings.Index(line, sub)
	if i < 0 {
		t.Fatalf("%q not in %q", sub, line)
	}
	return utf8.RuneCountInString(line[:i]) + 1
}

type formatCase struct {
	name     string
	strict   bool
	results  []Result
	variants []string // golden files to check: a format name, or text-color / text-annotations
}

func formatCases(t *testing.T) []formatCase {
	weights := "  - id: brand"
	stale := "last_reviewed: 2023-01-15"
	ref := "    pillar: lifestyle"
	owner := "  - id: tiktok"
	wide := `    words_to_avoid: [æøå, Ωμέγα, 東京, "billig 🙂"]`
	tabbed := "\tpillar:\tbrand"
	hostile := "  note: \"50%: a, b\x1b[2J\""

	return []formatCase{
		{
			name:     "no-results",
			variants: []string{"text", "json", "github"},
		},
		{
			name: "empty",
			results: []Result{{
				Path:  "examples/nordlys/strategy.yaml",
				Files: []string{"examples/nordlys/strategy.yaml", "examples/nordlys/personas.yaml"},
			}},
			variants: []string{"text", "json", "github", "sarif"},
		},
		{
			name: "one-error",
			results: []Result{{
				Path:  "examples/nordlys/strategy.yaml",
				Files: []string{"examples/nordlys/strategy.yaml"},
				Diagnostics: []Diagnostic{{
					File: "examples/nordlys/strategy.yaml", Line: 42, Column: col(t, weights, "brand"), Length: 5,
					Rule: "pillar-weights-sum", Severity: Error,
					Message:    "pillar weights add up to 99, not 100",
					Hint:       "Adjust the weights so they add up to exactly 100.",
					Path:       "/pillars",
					SourceLine: weights,
				}},
			}},
			variants: []string{"text", "text-color", "json", "github"},
		},
		{
			name: "mixed",
			results: []Result{
				{
					Path: "examples/nordlys/strategy.yaml",
					Files: []string{
						"examples/nordlys/strategy.yaml",
						"examples/nordlys/personas/ingrid.yaml",
						"examples/corporate/strategy.yaml",
					},
					Diagnostics: []Diagnostic{
						{
							File: "examples/nordlys/personas/ingrid.yaml", Line: 3, Column: col(t, stale, "2023"), Length: 10,
							Rule: "persona-stale", Severity: Warning,
							Message:    "persona ingrid was last reviewed on 2023-01-15, over a year ago",
							Hint:       "Check the persona against recent data and set last_reviewed to the day you did.",
							Path:       "/audience/personas/0/last_reviewed",
							SourceLine: stale,
						},
						{
							File: "examples/nordlys/strategy.yaml", Line: 57, Column: col(t, owner, "tiktok"), Length: 6,
							Rule: "channel-no-owner", Severity: Info,
							Message:    "channel tiktok has no owner",
							Path:       "/channels/2",
							SourceLine: owner,
						},
						{
							File: "examples/nordlys/strategy.yaml", Line: 108, Column: col(t, ref, "lifestyle"), Length: 9,
							Rule: "unknown-reference", Severity: Error,
							Message:    `tactic giveaway refers to pillar "lifestyle", which does not exist`,
							Hint:       "Known pillars: brand, fashion, beauty, wellness.\nAdd the pillar or fix the spelling.",
							Path:       "/tactics/0/pillar",
							SourceLine: ref,
						},
					},
				},
				{
					Path: "examples/fjellbu/strategy.yaml",
					Files: []string{
						"examples/fjellbu/strategy.yaml",
						"examples/fjellbu/channels.yaml",
						"examples/corporate/strategy.yaml",
					},
					Diagnostics: []Diagnostic{{
						File: "examples/fjellbu/channels.yaml", Length: 1,
						Rule: "encoding", Severity: Error,
						Message: "the file is not valid UTF-8",
						Hint:    "Save the file as UTF-8.",
					}},
				},
			},
			variants: []string{"text", "text-color", "text-annotations", "json", "github", "sarif"},
		},
		{
			name: "wide",
			results: []Result{{
				Path:  "examples/nordlys/strategy.yaml",
				Files: []string{"examples/nordlys/strategy.yaml"},
				Diagnostics: []Diagnostic{
					{
						File: "examples/nordlys/strategy.yaml", Line: 9, Column: col(t, wide, "Ωμέγα"), Length: 5,
						Rule: "invalid-value", Severity: Warning,
						Message: "Ωμέγα is not a word in the strategy's language (nb)", SourceLine: wide,
					},
					{
						File: "examples/nordlys/strategy.yaml", Line: 9, Column: col(t, wide, "東京"), Length: 2,
						Rule: "invalid-value", Severity: Warning,
						Message: "東京 is not a word in the strategy's language (nb)", SourceLine: wide,
					},
					{
						File: "examples/nordlys/strategy.yaml", Line: 9, Column: col(t, wide, `"billig`), Length: 10,
						Rule: "invalid-value", Severity: Error,
						Message: "words_to_avoid may not contain emoji", SourceLine: wide,
					},
				},
			}},
			variants: []string{"text", "github", "sarif"},
		},
		{
			name: "escaping",
			results: []Result{{
				Path:  "examples/a,b:c/strategy.yaml",
				Files: []string{"examples/a,b:c/strategy.yaml"},
				Diagnostics: []Diagnostic{
					{
						File: "examples/a,b:c/strategy.yaml", Line: 4, Column: col(t, hostile, "50%"), Length: 12,
						Rule: "invalid-value", Severity: Error,
						Message:    "note says 50%: brand, fashion\r\nand beauty\x1b[31m overlap",
						Hint:       "Use 100% in total, e.g. brand: 40, fashion: 60.",
						SourceLine: hostile,
					},
					{
						File: "examples/a,b:c/strategy.yaml", Line: 12, Column: col(t, tabbed, "brand"), Length: 5,
						Rule: "yaml-syntax", Severity: Error,
						Message:    "found a tab character where indentation is expected",
						SourceLine: tabbed,
					},
				},
			}},
			variants: []string{"text", "json", "github"},
		},
		{
			// More findings than the caps list: the counts of the rest
			// reach every format, and the summary counts them all.
			name: "omitted",
			results: []Result{{
				Path:  "brands/big/strategy.yaml",
				Files: []string{"brands/big/strategy.yaml"},
				Diagnostics: []Diagnostic{{
					File: "brands/big/strategy.yaml", Line: 20, Column: 7, Length: 7,
					Rule: "campaign-overlap", Severity: Warning,
					Message:    `the campaigns "c0000" and "c0001" both set the pillar mix on every channel from 2027-01-01 to 2027-12-31`,
					Hint:       "Move one campaign's dates.",
					SourceLine: "    - id: c0001",
				}},
				Omitted: []Omitted{
					{Rule: "unknown-reference", Severity: Error, Count: 1},
					{Rule: "campaign-overlap", Severity: Warning, Count: 4499000},
				},
			}},
			variants: []string{"text", "text-annotations", "json", "github", "sarif"},
		},
		{
			name:   "strict",
			strict: true,
			results: []Result{{
				Path:  "strategy.yaml",
				Files: []string{"strategy.yaml"},
				Diagnostics: []Diagnostic{{
					File: "strategy.yaml", Line: 20, Column: 5, Length: 9,
					Rule: "channel-no-sla", Severity: Warning,
					Message:    "mentions on instagram have no response time",
					SourceLine: "  - id: instagram",
				}},
			}},
			variants: []string{"text", "json"},
		},
		{
			// A safe fix and one offered for review, on a line with
			// multi-byte text before it: columns count code points,
			// byte offsets bytes.
			name: "fixes",
			results: []Result{{
				Path:  "brands/nordlys/strategy.yaml",
				Files: []string{"brands/nordlys/strategy.yaml"},
				Diagnostics: []Diagnostic{{
					File: "brands/nordlys/strategy.yaml", Line: 4, Column: 13, Length: 4,
					Rule: "timezone-invalid", Severity: Error,
					Message:    `"Oslo" is not a known timezone; did you mean "Europe/Oslo"?`,
					SourceLine: "  timezone: Oslo",
					Path:       "/brand/timezone",
					Fix: &Fix{File: "brands/nordlys/strategy.yaml", Start: 61, End: 65, Line: 4, Column: 13, EndLine: 4, EndColumn: 17,
						Old: "Oslo", New: "Europe/Oslo", Description: "replace Oslo with Europe/Oslo", Safe: true},
				}, {
					File: "brands/nordlys/strategy.yaml", Line: 9, Column: 12, Length: 11,
					Rule: "hashtag-comment", Severity: Warning,
					Message:    `the text from #todo on is read as a comment, not as part of the value "Tromsø"`,
					SourceLine: "  tagline: Tromsø #todo ask",
					Fix: &Fix{File: "brands/nordlys/strategy.yaml", Start: 130, End: 147, Line: 9, Column: 12, EndLine: 9, EndColumn: 28,
						Old: "Tromsø #todo ask", New: `"Tromsø #todo ask"`, Description: `replace Tromsø #todo ask with "Tromsø #todo ask"`},
				}},
			}},
			variants: []string{"text", "json", "sarif"},
		},
	}
}

// render runs results through one golden variant.
func render(t *testing.T, variant string, strict bool, results []Result) []byte {
	t.Helper()
	name, opts := variant, FormatOptions{Strict: strict, ToolVersion: "1.2.3"}
	switch variant {
	case "text-color":
		name, opts.Color = "text", true
	case "text-annotations":
		name, opts.Annotations = "text", true
	}
	var buf bytes.Buffer
	f, err := NewFormatter(name, &buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if err := f.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFormatGolden(t *testing.T) {
	for _, c := range formatCases(t) {
		for _, v := range c.variants {
			t.Run(c.name+"/"+v, func(t *testing.T) {
				got := render(t, v, c.strict, c.results)
				if again := render(t, v, c.strict, c.results); !bytes.Equal(got, again) {
					t.Fatal("two runs over the same input gave different output")
				}
				checkGolden(t, filepath.Join("testdata", "format", c.name+"."+v+".golden"), got)
			})
		}
	}
}

func TestNewFormatter(t *testing.T) {
	for _, name := range Formats() {
		if _, err := NewFormatter(name, &bytes.Buffer{}, FormatOptions{}); err != nil {
			t.Errorf("NewFormatter(%q): %v", name, err)
		}
	}
	_, err := NewFormatter("xml", &bytes.Buffer{}, FormatOptions{})
	if err == nil {
		t.Fatal("NewFormatter(xml) succeeded")
	}
	for _, name := range Formats() {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not list %q", err, name)
		}
	}
}

func TestTextSummary(t *testing.T) {
	diag := func(s Severity) Diagnostic {
		return Diagnostic{File: "s.yaml", Line: 1, Column: 1, Rule: "r", Severity: s}
	}
	tests := []struct {
		name    string
		strict  bool
		results []Result
		want    string
	}{
		{"none", false, nil, "no strategies to check"},
		{"one clean", false, []Result{{Path: "a.yaml", Files: []string{"a.yaml"}}}, "1 strategy valid (1 file)"},
		{"shared files counted once", false, []Result{
			{Path: "a.yaml", Files: []string{"a.yaml", "base.yaml"}},
			{Path: "b.yaml", Files: []string{"b.yaml", "base.yaml"}},
		}, "2 strategies valid (3 files)"},
		{"path without files", false, []Result{{Path: "a.yaml"}}, "1 strategy valid (1 file)"},
		{"warning passes", false, []Result{{Path: "a.yaml", Diagnostics: []Diagnostic{diag(Warning)}}}, "1 strategy valid (1 file), 1 warning"},
		{"warnings and infos", false, []Result{{Path: "a.yaml", Diagnostics: []Diagnostic{diag(Warning), diag(Warning), diag(Info)}}}, "1 strategy valid (1 file), 2 warnings, 1 info"},
		{"warning fails when strict", true, []Result{{Path: "a.yaml", Diagnostics: []Diagnostic{diag(Warning)}}}, "1 warning in 1 strategy (1 file); warnings fail in strict mode"},
		{"errors", false, []Result{
			{Path: "a.yaml", Diagnostics: []Diagnostic{diag(Error), diag(Warning)}},
			{Path: "b.yaml", Diagnostics: []Diagnostic{diag(Error)}},
			{Path: "c.yaml", Files: []string{"c.yaml", "d.yaml"}},
		}, "2 errors, 1 warning in 3 strategies (4 files)"},
		{"errors when strict", true, []Result{{Path: "a.yaml", Diagnostics: []Diagnostic{diag(Error), diag(Warning)}}}, "1 error, 1 warning in 1 strategy (1 file)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tl tally
			for _, r := range tt.results {
				tl.add(r, tt.strict)
			}
			if got := tl.summary(tt.strict); got != tt.want {
				t.Errorf("summary = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		name           string
		source         string
		column, length int
		line, caret    string
	}{
		{"ascii", "  - id: brand", 9, 5, "  - id: brand", "        ^~~~~"},
		{"length below one", "id: x", 5, 0, "id: x", "    ^"},
		{"norwegian is narrow", "navn: Bærekraft og så", 20, 2, "navn: Bærekraft og så", "                   ^~"},
		{"greek is narrow", "ord: Ωμέγα x", 12, 1, "ord: Ωμέγα x", "           ^"},
		{"cjk is wide", "by: 東京 x", 8, 1, "by: 東京 x", "         ^"},
		{"cjk underlined by cells", "by: 東京", 5, 2, "by: 東京", "    ^~~~"},
		{"emoji is wide", "tone: 🙂 ok", 9, 2, "tone: 🙂 ok", "         ^~"},
		{"combining mark takes no cell", "Cafe\u0301 x", 7, 1, "Cafe\u0301 x", "     ^"},
		{"tab shown as one space", "\tpillar:\tbrand", 10, 5, " pillar: brand", "         ^~~~~"},
		{"escape sequence neutralised", "a\x1b[2Jb", 6, 1, "a [2Jb", "     ^"},
		{"bidi override dropped", "x\u202ey", 3, 1, "xy", " ^"},
		{"past the end", "key:", 6, 1, "key:", "     ^"},
		{"span past the end", "key: ab", 6, 4, "key: ab", "     ^~~~"},
		{"trailing blanks trimmed", "key: x   \r\n", 5, 1, "key: x", "    ^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, caret := snippet(tt.source, tt.column, tt.length)
			if line != tt.line || caret != tt.caret {
				t.Errorf("snippet(%q, %d, %d) =\n%q\n%q\nwant\n%q\n%q", tt.source, tt.column, tt.length, line, caret, tt.line, tt.caret)
			}
		})
	}
}

func TestRuneWidth(t *testing.T) {
	tests := []struct {
		r    rune
		want int
	}{
		{'a', 1}, {'æ', 1}, {'ø', 1}, {'å', 1}, {'Ω', 1}, {'έ', 1}, {'—', 1},
		{'東', 2}, {'한', 2}, {'カ', 2}, {'Ａ', 2}, {'🙂', 2}, {'✨', 2}, {'𠀋', 2},
		{'\u0301', 0}, {'\u200d', 0}, {'\ufe0f', 0},
	}
	for _, tt := range tests {
		if got := runeWidth(tt.r); got != tt.want {
			t.Errorf("runeWidth(%q) = %d, want %d", tt.r, got, tt.want)
		}
	}
	for _, table := range [][]runeRange{zeroWidth, wideRanges} {
		for i := 1; i < len(table); i++ {
			if table[i].lo <= table[i-1].hi {
				t.Errorf("range %#x-%#x is out of order", table[i].lo, table[i].hi)
			}
		}
	}
}

func TestGithubEscaping(t *testing.T) {
	d := Diagnostic{
		File: "a,b:c/s.yaml", Line: 3, Column: 2, Length: 4,
		Rule: "invalid-value", Severity: Warning,
		Message: "100%: a, b\r\nc\x1b[0m", Hint: "fix: it",
	}
	want := "::warning file=a%2Cb%3Ac/s.yaml,line=3,col=2,endColumn=6,title=invalid-value::100%25: a, b%0D%0Ac [0m%0Afix: it"
	if got := githubCommand(d); got != want {
		t.Errorf("githubCommand =\n%s\nwant\n%s", got, want)
	}
	for _, tt := range []struct {
		sev  Severity
		want string
	}{{Error, "::error "}, {Warning, "::warning "}, {Info, "::notice "}} {
		if got := githubCommand(Diagnostic{File: "s.yaml", Severity: tt.sev, Message: "m"}); !strings.HasPrefix(got, tt.want) {
			t.Errorf("severity %v: %q does not start with %q", tt.sev, got, tt.want)
		}
	}
	if got := githubCommand(Diagnostic{File: "s.yaml", Rule: "encoding", Message: "m"}); got != "::error file=s.yaml,title=encoding::m" {
		t.Errorf("whole-file finding: %q", got)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for _, c := range formatCases(t) {
		t.Run(c.name, func(t *testing.T) {
			var doc JSONReport
			if err := json.Unmarshal(render(t, "json", c.strict, c.results), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Version != JSONVersion {
				t.Errorf("version = %d, want %d", doc.Version, JSONVersion)
			}
			var want tally
			for _, r := range c.results {
				want.add(r, c.strict)
			}
			wantSummary := JSONSummary{
				Strategies: want.strategies, Files: len(want.files),
				Errors: want.errors, Warnings: want.warnings, Infos: want.infos,
				Omitted: want.omitted, Failed: want.failed,
			}
			if doc.Summary != wantSummary {
				t.Errorf("summary = %+v, want %+v", doc.Summary, wantSummary)
			}
			if len(doc.Results) != len(c.results) {
				t.Fatalf("%d results, want %d", len(doc.Results), len(c.results))
			}
			for i, r := range doc.Results {
				in := c.results[i]
				if r.Path != in.Path || len(r.Files) != len(in.Files) || len(r.Diagnostics) != len(in.Diagnostics) {
					t.Errorf("result %d = %+v, want %+v", i, r, in)
				}
				if r.Files == nil || r.Diagnostics == nil || r.Omitted == nil {
					t.Errorf("result %d has a null list", i)
				}
				if !reflect.DeepEqual(r.Omitted, in.Omitted) && len(in.Omitted) > 0 {
					t.Errorf("result %d: omitted %+v, want %+v", i, r.Omitted, in.Omitted)
				}
				for s := Error; s <= Info; s++ {
					if r.Count(s) != in.Count(s) {
						t.Errorf("result %d: %d %vs, want %d", i, r.Count(s), s, in.Count(s))
					}
				}
				for j, d := range r.Diagnostics {
					d.SourceLine = in.Diagnostics[j].SourceLine   // not part of the JSON
					if !reflect.DeepEqual(d, in.Diagnostics[j]) { // the fix too
						t.Errorf("diagnostic %d.%d = %+v, want %+v", i, j, d, in.Diagnostics[j])
					}
				}
			}
		})
	}
}

// githubSARIF holds the parts of a SARIF log that GitHub code scanning
// requires or uses, per its "SARIF support for code scanning" reference.
type githubSARIF struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					Help struct {
						Text string `json:"text"`
					} `json:"help"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		OriginalURIBaseIDs map[string]json.RawMessage `json:"originalUriBaseIds"`
		Results            []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
						EndLine     int `json:"endLine"`
						EndColumn   int `json:"endColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

func TestSARIFForGitHub(t *testing.T) {
	var all []Result
	for _, c := range formatCases(t) {
		all = append(all, c.results...)
	}
	// A rule the catalogue does not know still needs a descriptor.
	all = append(all, Result{Path: "x.yaml", Diagnostics: []Diagnostic{{
		File: "x.yaml", Line: 1, Column: 1, Length: 1, Rule: "not-in-catalogue", Severity: Info, Message: "m",
	}}})

	var log githubSARIF
	if err := json.Unmarshal(render(t, "sarif", false, all), &log); err != nil {
		t.Fatal(err)
	}
	if log.Schema != "https://json.schemastore.org/sarif-2.1.0.json" || log.Version != "2.1.0" {
		t.Errorf("$schema %q, version %q", log.Schema, log.Version)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	driver := run.Tool.Driver
	if driver.Name != "pillar" || driver.Version != "1.2.3" || driver.InformationURI == "" {
		t.Errorf("driver = %q %q %q", driver.Name, driver.Version, driver.InformationURI)
	}
	if _, ok := run.OriginalURIBaseIDs["%SRCROOT%"]; !ok {
		t.Error("originalUriBaseIds has no %SRCROOT%")
	}

	catalogue := Rules()
	if len(driver.Rules) != len(catalogue)+1 {
		t.Fatalf("%d rules, want the %d of the catalogue and one more", len(driver.Rules), len(catalogue))
	}
	levels := map[string]bool{"error": true, "warning": true, "note": true}
	for i, r := range driver.Rules {
		if i < len(catalogue) && r.ID != catalogue[i].ID {
			t.Errorf("rule %d is %q, want %q", i, r.ID, catalogue[i].ID)
		}
		// GitHub rejects empty strings in required properties.
		if r.ID == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" {
			t.Errorf("rule %d (%q) lacks a required property: %+v", i, r.ID, r)
		}
		if len(r.ShortDescription.Text) > 1024 || len(r.FullDescription.Text) > 1024 || len(r.Name) > 255 {
			t.Errorf("rule %q exceeds GitHub's length limits", r.ID)
		}
		if !levels[r.DefaultConfiguration.Level] {
			t.Errorf("rule %q has level %q", r.ID, r.DefaultConfiguration.Level)
		}
	}
	if got := driver.Rules[0].Name; got != camelCase(catalogue[0].ID) || strings.Contains(got, "-") {
		t.Errorf("rule name %q is not CamelCase", got)
	}

	want := 0
	for _, r := range all {
		want += len(r.Diagnostics)
	}
	if len(run.Results) != want {
		t.Fatalf("%d results, want %d", len(run.Results), want)
	}
	fingerprints := make(map[string]bool)
	for i, res := range run.Results {
		if res.RuleIndex == nil || *res.RuleIndex < 0 || *res.RuleIndex >= len(driver.Rules) {
			t.Fatalf("result %d: ruleIndex %v out of range", i, res.RuleIndex)
		}
		if id := driver.Rules[*res.RuleIndex].ID; id != res.RuleID {
			t.Errorf("result %d: ruleIndex %d points at %q, ruleId is %q", i, *res.RuleIndex, id, res.RuleID)
		}
		if !levels[res.Level] || res.Message.Text == "" {
			t.Errorf("result %d: level %q, message %q", i, res.Level, res.Message.Text)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result %d: %d locations, want 1", i, len(res.Locations))
		}
		loc := res.Locations[0].PhysicalLocation
		uri := loc.ArtifactLocation.URI
		if uri == "" || strings.HasPrefix(uri, "/") || strings.ContainsAny(uri, `\ `) || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: artifactLocation %+v", i, loc.ArtifactLocation)
		}
		reg := loc.Region
		if reg.StartLine < 1 || reg.StartColumn < 1 || reg.EndLine != reg.StartLine || reg.EndColumn <= reg.StartColumn {
			t.Errorf("result %d: region %+v", i, reg)
		}
		fp := res.PartialFingerprints["primaryLocationLineHash"]
		if fp == "" {
			t.Errorf("result %d has no primaryLocationLineHash", i)
		}
		if fingerprints[uri+" "+fp] {
			t.Errorf("result %d repeats fingerprint %s in %s", i, fp, uri)
		}
		fingerprints[uri+" "+fp] = true
	}
}

func TestSARIFFingerprintIgnoresLineNumber(t *testing.T) {
	at := func(line int) string {
		r := Result{Path: "s.yaml", Diagnostics: []Diagnostic{{
			File: "s.yaml", Line: line, Column: 9, Length: 5, Rule: "duplicate-id", Message: "m",
			SourceLine: "  - id: brand",
		}}}
		var log githubSARIF
		if err := json.Unmarshal(render(t, "sarif", false, []Result{r}), &log); err != nil {
			t.Fatal(err)
		}
		return log.Runs[0].Results[0].PartialFingerprints["primaryLocationLineHash"]
	}
	if a, b := at(10), at(14); a != b {
		t.Errorf("moving a finding from line 10 to 14 changed its fingerprint: %s, %s", a, b)
	}
}

func TestSARIFArtifact(t *testing.T) {
	tests := []struct {
		file, uri, base string
	}{
		{"examples/nordlys/strategy.yaml", "examples/nordlys/strategy.yaml", "%SRCROOT%"},
		{"./strategy.yaml", "strategy.yaml", "%SRCROOT%"},
		{"my strategies/bærekraft#1.yaml", "my%20strategies/b%C3%A6rekraft%231.yaml", "%SRCROOT%"},
		{"a:b/strategy.yaml", "./a:b/strategy.yaml", "%SRCROOT%"},
		{"/home/ci/work/strategy.yaml", "file:///home/ci/work/strategy.yaml", ""},
	}
	for _, tt := range tests {
		got := sarifArtifact(tt.file)
		if got.URI != tt.uri || got.URIBaseID != tt.base {
			t.Errorf("sarifArtifact(%q) = %q %q, want %q %q", tt.file, got.URI, got.URIBaseID, tt.uri, tt.base)
		}
	}
}

func TestCamelCase(t *testing.T) {
	for id, want := range map[string]string{
		"pillar-weights-sum": "PillarWeightsSum",
		"encoding":           "Encoding",
		"yaml-syntax":        "YamlSyntax",
	} {
		if got := camelCase(id); got != want {
			t.Errorf("camelCase(%q) = %q, want %q", id, got, want)
		}
	}
}

// TestFormatterKeepsItsCopy guards the document formats, which hold results
// until Flush, against a caller that reuses its slices.
func TestFormatterKeepsItsCopy(t *testing.T) {
	for _, name := range []string{"json", "sarif"} {
		t.Run(name, func(t *testing.T) {
			ds := []Diagnostic{{File: "s.yaml", Line: 1, Column: 1, Length: 1, Rule: "version", Message: "message-as-written"}}
			var buf bytes.Buffer
			f, _ := NewFormatter(name, &buf, FormatOptions{})
			if err := f.Write(Result{Path: "s.yaml", Diagnostics: ds}); err != nil {
				t.Fatal(err)
			}
			ds[0].Message = "message-changed-later"
			if err := f.Flush(); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(buf.String(), "message-changed-later") || !strings.Contains(buf.String(), "message-as-written") {
				t.Error("output shows a change made after Write")
			}
		})
	}
}
