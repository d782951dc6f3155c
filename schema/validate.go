package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
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
	var ds []Diagnostic
	for _, p := range doc.Problems {
		sev := Error
		if p.Warning {
			sev = Warning
		}
		ds = append(ds, Diagnostic{File: p.Pos.File, Line: p.Pos.Line, Column: p.Pos.Col, Length: p.Len,
			Rule: p.Rule, Severity: sev, Message: p.Message, Hint: p.Hint})
	}
	var s *strategy.Strategy
	if !doc.Fatal {
		structural := schemaDiagnostics(doc)
		ds = append(ds, structural...)
		if dec, err := doc.Decode(); err == nil {
			s = dec
			if len(structural) == 0 {
				c := &checker{s: s, src: doc.Source, now: opts.Now}
				for _, check := range checks {
					check(c)
				}
				ds = append(ds, c.out...)
			}
		}
	}
	ds = applyRules(ds, doc, opts.Rules)
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
		d.SourceLine, _ = doc.Source.Line(d.File, d.Line)
		if utf8.RuneCountInString(d.SourceLine) > maxShownLine {
			// A minified or generated line would bury the message.
			d.SourceLine = ""
		}
	}
	Sort(ds)
	res.Diagnostics = dedupe(ds)
	return res, s
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

// applyRules re-grades diagnostics by the config's and the strategy's rules
// maps, drops the ones switched off or silenced by a pillar:ignore comment,
// and reports rules-map entries that name no configurable rule.
func applyRules(ds []Diagnostic, doc *strategy.Document, config map[string]string) []Diagnostic {
	grade := map[string]Severity{}
	for id, v := range config {
		if sev, ok := ParseSeverity(v); ok {
			if r, ok := LookupRule(id); ok && r.Configurable {
				grade[id] = sev
			}
		}
	}
	var extra []Diagnostic
	if m, ok := doc.Value.(map[string]any); ok {
		if rules, ok := m["rules"].(map[string]any); ok {
			for id, v := range rules {
				ptr := strategy.Pointer("rules", id)
				sp := doc.Source.Span(ptr)
				r, known := LookupRule(id)
				switch {
				case !known:
					extra = append(extra, Diagnostic{File: sp.Key.File, Line: sp.Key.Line, Column: sp.Key.Col, Length: sp.KeyLen,
						Rule: "rules-unknown", Severity: Warning, Path: ptr,
						Message: fmt.Sprintf("there is no rule %q%s", id, didYouMean(id, ruleIDs()))})
				case !r.Configurable:
					extra = append(extra, Diagnostic{File: sp.Key.File, Line: sp.Key.Line, Column: sp.Key.Col, Length: sp.KeyLen,
						Rule: "rules-unknown", Severity: Warning, Path: ptr,
						Message: fmt.Sprintf("the rule %q checks the strategy's structure and cannot be re-graded", id)})
				default:
					if s, ok := v.(string); ok {
						if sev, ok := ParseSeverity(s); ok {
							grade[id] = sev
						}
					}
				}
			}
		}
	}
	ds = append(ds, extra...)
	out := ds[:0]
	for _, d := range ds {
		if sev, ok := grade[d.Rule]; ok {
			d.Severity = sev
		}
		if d.Severity == Off {
			continue
		}
		if r, ok := LookupRule(d.Rule); ok && r.Configurable &&
			doc.Source.Ignored(strategy.Pos{File: d.File, Line: d.Line, Col: d.Column}, d.Rule) {
			continue
		}
		out = append(out, d)
	}
	return out
}

func ruleIDs() []string {
	ids := make([]string, len(catalog))
	for i, r := range catalog {
		ids[i] = r.ID
	}
	return ids
}
