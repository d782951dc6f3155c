package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/pillar-strategy/pillar/strategy"
)

// JSON is the strategy format's JSON Schema (draft 2020-12), as printed by
// `pillar schema` and referenced by editors.
//
//go:embed strategy.schema.json
var JSON []byte

// SchemaURL is the schema's $id.
const SchemaURL = "https://github.com/pillar-strategy/pillar/schema/strategy.schema.json"

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	if err := c.AddResource(SchemaURL, bytes.NewReader(JSON)); err != nil {
		return nil, err
	}
	return c.Compile(SchemaURL)
})

// raw is the schema as plain JSON, for reading hints, enums and property
// lists when turning validation errors into messages.
var raw = sync.OnceValue(func() any {
	var v any
	if err := json.Unmarshal(JSON, &v); err != nil {
		panic("schema: embedded strategy.schema.json is not JSON: " + err.Error())
	}
	return v
})

// maxShownLine is the longest source line shown under a diagnostic.
const maxShownLine = 300

// Options tune validation.
type Options struct {
	// Now is the day staleness rules measure from; zero means today.
	Now time.Time
	// Limits bound what the loader accepts; zero means strategy.DefaultLimits.
	Limits strategy.Limits
	// Rules re-grades rules by id ("off", "info", "warning", "error"),
	// typically from a config file. The strategy's own rules map wins.
	Rules map[string]string
	// MaxPerRule is how many findings of one rule the Result lists; the
	// rest are counted in Result.Omitted. Zero means DefaultMaxPerRule, a
	// negative number no limit.
	MaxPerRule int
	// MaxFindings is how many findings the Result lists in all, the first
	// in output order. Zero means DefaultMaxFindings, a negative number no
	// limit.
	MaxFindings int
}

// ValidateFile loads and validates the strategy at path (a file, or a folder
// holding strategy.yaml). The error is for a strategy that could not be read
// at all (no such file, no permission); everything wrong inside the files is
// a diagnostic in the Result.
func ValidateFile(path string, opts Options) (Result, error) {
	limits := opts.Limits
	if limits == (strategy.Limits{}) {
		limits = strategy.DefaultLimits
	}
	doc, err := strategy.LoadDocument(path, limits)
	if err != nil {
		return Result{Path: path}, err
	}
	res, _ := Validate(doc, opts)
	return res, nil
}

// Validate checks a loaded document: the problems found while reading it,
// then the JSON Schema, then (when the structure is sound) the semantic
// rules. It returns the decoded strategy when there is one, even if it has
// errors, so callers can go on to plan from a strategy with only warnings.
func Validate(doc *strategy.Document, opts Options) (Result, *strategy.Strategy) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	res := Result{Path: doc.Source.Main, Files: append([]string(nil), doc.Source.Files...)}
	grade, unknown := grades(doc, opts.Rules)
	perRule, total := caps(opts)
	col := newCollector(doc.Source, grade, perRule, total)
	places := hashtagCommentsInText(doc)
	for _, p := range doc.Problems {
		if p.Rule == "hashtag-comment" && places[p.Pos] == notText {
			continue
		}
		sev := Error
		if p.Warning {
			sev = Warning
		}
		d := Diagnostic{File: p.Pos.File, Line: p.Pos.Line, Column: p.Pos.Col, Length: p.Len,
			Rule: p.Rule, Severity: sev, Message: p.Message, Hint: p.Hint}
		if p.Rest != "" {
			// Under a key the schema does not know (pilars), whether the
			// value takes text is known once the key is fixed.
			d.want = &fixWant{rest: p.Rest, safe: onlyHashtags(p.Rest) && places[p.Pos] == anyText}
		}
		col.offer(d)
	}
	var s *strategy.Strategy
	if !doc.Fatal {
		structural := schemaDiagnostics(doc)
		for _, d := range structural {
			col.offer(d)
		}
		if dec, err := doc.Decode(); err == nil {
			s = dec
			if len(structural) == 0 {
				c := &checker{s: s, src: doc.Source, now: opts.Now, col: col, budget: newSuggestBudget()}
				for _, check := range checks {
					check(c)
				}
			}
		}
	}
	for _, u := range unknown {
		u(col)
	}
	ds, omitted := col.list()
	for i := range ds {
		d := &ds[i]
		if d.Length < 1 {
			d.Length = 1
		}
		if d.Hint == "" {
			if r, ok := LookupRule(d.Rule); ok {
				d.Hint = r.Help
			}
		}
		d.Message = clipText(d.Message, maxMessage)
		d.Hint = clipText(d.Hint, maxMessage)
		d.SourceLine, _ = doc.Source.Line(d.File, d.Line)
		if len(d.SourceLine) > 4*maxShownLine || utf8.RuneCountInString(d.SourceLine) > maxShownLine {
			// A minified or generated line would bury the message.
			d.SourceLine = ""
		}
	}
	res.Diagnostics = dedupe(ds)
	dropDuplicatingFixes(doc.Value, res.Diagnostics)
	resolveFixes(doc.Source, res.Diagnostics)
	res.Omitted = omitted
	return res, s
}

// maxMessage is the longest message or hint a finding carries, in code
// points. Messages quote values from the strategy, and a hostile one can be
// half a megabyte long.
const maxMessage = 1000

// clipText cuts s to at most n code points, ending with an ellipsis when it
// cut something.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut, i := 0, 0
	for pos := range s {
		if i == n-1 {
			cut = pos
		}
		if i == n {
			return s[:cut] + "…"
		}
		i++
	}
	return s
}

func dedupe(ds []Diagnostic) []Diagnostic {
	out := ds[:0]
	for i, d := range ds {
		if i > 0 {
			p := ds[i-1]
			if p.File == d.File && p.Line == d.Line && p.Column == d.Column && p.Rule == d.Rule && p.Message == d.Message {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// grades reads how the config's and the strategy's rules maps re-grade
// rules (the strategy's wins), and returns the findings about rules-map
// entries that name no configurable rule, to be reported once the
// collector knows the grades.
func grades(doc *strategy.Document, config map[string]string) (map[string]Severity, []func(*collector)) {
	grade := map[string]Severity{}
	for id, v := range config {
		if sev, ok := ParseSeverity(v); ok {
			if r, ok := LookupRule(id); ok && r.Configurable {
				grade[id] = sev
			}
		}
	}
	var unknown []func(*collector)
	m, _ := doc.Value.(map[string]any)
	rules, _ := m["rules"].(map[string]any)
	for id, v := range rules {
		r, known := LookupRule(id)
		if !known || !r.Configurable {
			id := id
			unknown = append(unknown, func(col *collector) {
				ptr := strategy.Pointer("rules", id)
				sp := doc.Source.Span(ptr)
				sev, ok := col.admit("rules-unknown", Warning, sp.Key)
				if !ok {
					return
				}
				msg := fmt.Sprintf("the rule %q checks the strategy's structure and cannot be re-graded", id)
				var want *fixWant
				if !known {
					sug := didYouMean(id, ruleIDs())
					msg = fmt.Sprintf("there is no rule %q%s", id, sug)
					if best, unique := sug.pick(); unique {
						if _, taken := rules[best]; !taken {
							want = &fixWant{ptr: ptr, onKey: true, from: id, to: best, safe: true}
						}
					}
				}
				col.add(Diagnostic{File: sp.Key.File, Line: sp.Key.Line, Column: sp.Key.Col, Length: sp.KeyLen,
					Rule: "rules-unknown", Severity: sev, Path: ptr, Message: msg, want: want})
			})
			continue
		}
		if s, ok := v.(string); ok {
			if sev, ok := ParseSeverity(s); ok {
				grade[id] = sev
			}
		}
	}
	return grade, unknown
}

func ruleIDs() []string {
	ids := make([]string, len(catalog), len(catalog)+len(registered))
	for i, r := range catalog {
		ids[i] = r.ID
	}
	for id := range registered {
		ids = append(ids, id)
	}
	sort.Strings(ids[len(catalog):]) // suggestions never depend on map order
	return ids
}
