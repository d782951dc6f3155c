package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/pillar-strategy/pillar/internal/synth"
	"github.com/pillar-strategy/pillar/strategy"
)

// referenceValid is the verdict of the reference validator.
func referenceValid(t testing.TB, v any) bool {
	t.Helper()
	sch, err := compiled()
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(v) == nil
}

func TestPrecheckModelsTheWholeSchema(t *testing.T) {
	if _, err := compilePrecheck(JSON); err != nil {
		t.Fatalf("the precheck does not model the embedded schema, so every strategy takes the slow path: %v", err)
	}
}

func TestPrecheckRefusesKeywordsItDoesNotModel(t *testing.T) {
	for _, doc := range []string{
		`{"type": "object", "oneOf": [{"type": "object"}]}`,
		`{"properties": {"a": {"format": "email"}}}`,
		`{"properties": {"a": {"maximum": 1.5}}}`,
		`{"items": {"$ref": "#/$defs/missing"}}`,
		`{"x-hint": "text"}`,
	} {
		if _, err := compilePrecheck([]byte(doc)); err == nil {
			t.Errorf("compilePrecheck(%s) succeeded; it must refuse what it does not model", doc)
		}
	}
}

// corpusValues loads the strategies the tests know: the examples, the
// bad-input corpus (those with a value tree) and synthetic strategies.
func corpusValues(t *testing.T) map[string]any {
	t.Helper()
	paths, _ := filepath.Glob("../examples/*/strategy.yaml")
	bad, _ := filepath.Glob("../testdata/bad/*/strategy.yaml")
	paths = append(paths, bad...)
	dir := t.TempDir()
	for i := range 12 {
		p := filepath.Join(dir, fmt.Sprintf("synth-%d.yaml", i))
		if err := os.WriteFile(p, synth.Strategy(i, 1+i%4, 1+i%5, i%9), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out := map[string]any{}
	for _, p := range paths {
		doc, err := strategy.LoadDocument(p, strategy.DefaultLimits)
		if err != nil || doc.Fatal {
			continue
		}
		out[p] = doc.Value
	}
	if len(out) < 25 {
		t.Fatalf("loaded only %d strategies", len(out))
	}
	return out
}

// TestPrecheckAgreesOnTheCorpus: every strategy the reference finds valid,
// the precheck proves valid too (else it would not make validation
// faster), and it proves valid nothing the reference rejects.
func TestPrecheckAgreesOnTheCorpus(t *testing.T) {
	p := prechecked()
	for name, v := range corpusValues(t) {
		if got, want := p.valid(v), referenceValid(t, v); got != want {
			t.Errorf("%s: precheck %v, reference %v", name, got, want)
		}
	}
}

// TestPrecheckAgreesOnMutants mutates the corpus (values of other types,
// out-of-range numbers, malformed text, missing and unknown keys, repeated
// list entries, sections moved elsewhere) and requires the precheck never to
// pass what the reference rejects. It also counts how often it is merely
// unsure of what the reference passes, which must be never.
func TestPrecheckAgreesOnMutants(t *testing.T) {
	p := prechecked()
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{}
	values := corpusValues(t)
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	mutants, accepted, unsure := 0, 0, 0
	for _, name := range names {
		for range 150 {
			v := deepCopy(values[name])
			var did []string
			for range 1 + rng.IntN(3) {
				did = append(did, mutate(rng, v))
			}
			mutants++
			got, want := p.valid(v), referenceValid(t, v)
			switch {
			case got && !want:
				b, _ := json.Marshal(v)
				t.Fatalf("%s after %s: the precheck passes what the reference rejects:\n%s", name, strings.Join(did, ", "), b)
			case want && !got:
				unsure++
				if unsure < 5 {
					t.Errorf("%s after %s: the precheck cannot prove a valid strategy valid", name, strings.Join(did, ", "))
				}
			case got:
				accepted++
			}
		}
	}
	t.Logf("%d mutants, %d valid, %d unsure", mutants, accepted, unsure)
	if accepted < mutants/10 || accepted > mutants*9/10 {
		t.Errorf("%d of %d mutants are valid; the mutations no longer probe both verdicts", accepted, mutants)
	}
}

// FuzzPrecheck compares the precheck with the reference validator on
// arbitrary JSON (numbers read as the loader reads YAML: whole numbers as
// int64, others as float64).
func FuzzPrecheck(f *testing.F) {
	paths, _ := filepath.Glob("../examples/*/strategy.yaml")
	for _, p := range paths {
		if doc, err := strategy.LoadDocument(p, strategy.DefaultLimits); err == nil && !doc.Fatal {
			b, _ := json.Marshal(doc.Value)
			f.Add(b)
		}
	}
	f.Add([]byte(`{"version": 1.0, "pillars": [{"id": "a", "name": "A", "weight": 100.0}]}`))
	f.Add([]byte(`{"version": 9007199254740993, "brand": {"name": "x", "timezone": "UTC", "language": "EN"}}`))
	p := prechecked()
	f.Fuzz(func(t *testing.T, data []byte) {
		var raw any
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.UseNumber()
		if dec.Decode(&raw) != nil {
			return
		}
		v, ok := loaderNumbers(raw)
		if !ok {
			return
		}
		if got, want := p.valid(v), referenceValid(t, v); got && !want {
			t.Fatalf("the precheck passes what the reference rejects: %s", data)
		}
	})
}

// loaderNumbers turns json.Number into the int64 or float64 the loader
// would have produced; false for numbers the loader refuses.
func loaderNumbers(v any) (any, bool) {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, true
		}
		f, err := x.Float64()
		return f, err == nil
	case []any:
		for i := range x {
			var ok bool
			if x[i], ok = loaderNumbers(x[i]); !ok {
				return nil, false
			}
		}
	case map[string]any:
		for k := range x {
			n, ok := loaderNumbers(x[k])
			if !ok {
				return nil, false
			}
			x[k] = n
		}
	}
	return v, true
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = deepCopy(e)
		}
		return s
	}
	return v
}

// slot is a place in a value tree: a key of a mapping or an index of a list.
type slot struct {
	m   map[string]any
	key string
	s   []any
	i   int
}

func (s slot) get() any {
	if s.m != nil {
		return s.m[s.key]
	}
	return s.s[s.i]
}

func (s slot) set(v any) {
	if s.m != nil {
		s.m[s.key] = v
	} else {
		s.s[s.i] = v
	}
}

func slots(v any) []slot {
	var out []slot
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				out = append(out, slot{m: x, key: k})
				walk(x[k])
			}
		case []any:
			for i := range x {
				out = append(out, slot{s: x, i: i})
				walk(x[i])
			}
		}
	}
	walk(v)
	return out
}

// palette holds values that sit on the edges of what the schema accepts.
var palette = []any{
	nil, true, false, int64(0), int64(-1), int64(1), int64(2), int64(100), int64(101),
	int64(1) << 60, -(int64(1) << 60), int64(1)<<53 + 1, 2.5, 3.0, -0.5, 0.0, 100.0, 100.5, 1e300, -1e300,
	"", " ", "x", "X Y", "#tag", "#two tags", "@h", "@", "09:30", "9:30", "24:00", "23:59",
	"2027-02-28", "2027-02-30", "2027-2-28", "4h", "4 h", "1d12h", "0m", "en", "en-GB", "EN", "e",
	"https://x.example", "ftp://x", "mon", "monday", "instagram", "Instagram", "ø", "a-b_c", "-a",
	"warning", "Europe/Oslo", "FREQ=DAILY",
	[]any{}, []any{"a"}, []any{"a", "a"}, []any{"a", int64(1)}, []any{int64(1), 1.0}, []any{nil},
	map[string]any{}, map[string]any{"id": "x"}, map[string]any{"x-y": int64(1)},
}

var keyPalette = []string{"id", "name", "weight", "platform", "x-note", "x-", "unknown", "Bad Key", "UPPER", "-a", "ig", "a", "brand", "extends", "rules", "notes"}

// mutate changes v in one random way and says how.
func mutate(rng *rand.Rand, v any) string {
	all := slots(v)
	if len(all) == 0 {
		return "nothing"
	}
	at := all[rng.IntN(len(all))]
	switch op := rng.IntN(11); {
	case op == 10:
		if at.m == nil {
			return "nothing"
		}
		k := keyPalette[rng.IntN(len(keyPalette))]
		val := at.m[at.key]
		delete(at.m, at.key)
		at.m[k] = val
		return "rename " + at.key + " to " + k
	case op < 4:
		nv := deepCopy(palette[rng.IntN(len(palette))])
		at.set(nv)
		return fmt.Sprintf("set %v", nv)
	case op < 5:
		if at.m != nil {
			delete(at.m, at.key)
			return "delete " + at.key
		}
		at.set(deepCopy(at.s[rng.IntN(len(at.s))]))
		return "copy a sibling item"
	case op < 6:
		switch c := at.get().(type) {
		case map[string]any:
			k := keyPalette[rng.IntN(len(keyPalette))]
			c[k] = deepCopy(palette[rng.IntN(len(palette))])
			return "add key " + k
		case []any:
			if len(c) > 0 {
				at.set(append(c, deepCopy(c[rng.IntN(len(c))])))
				return "repeat an item"
			}
		}
		return "nothing"
	case op < 8:
		other := all[rng.IntN(len(all))]
		at.set(deepCopy(other.get()))
		return "copy another value here"
	default:
		// Keep the shape but change one leaf's kind of value slightly.
		switch x := at.get().(type) {
		case string:
			at.set(x + " ")
			return "append a space"
		case int64:
			if rng.IntN(2) == 0 {
				at.set(float64(x))
				return "int to float"
			}
			at.set(float64(x) + 0.5)
			return "add a half"
		case float64:
			at.set(x + 0.5)
			return "add a half"
		}
		return "nothing"
	}
}

// TestPrecheckKeywords compares the precheck with the reference on small
// schemas, one per keyword it models, at the edges of each.
func TestPrecheckKeywords(t *testing.T) {
	for _, tc := range []struct {
		schema string
		values []any
		// unproven values are valid, but outside what the precheck models:
		// it must leave them to the reference.
		unproven []any
	}{
		{`{"type": "integer"}`, []any{int64(3), 3.0, 3.5, -0.0, 1e300, "3", nil, true}, nil},
		{`{"type": "number"}`, []any{int64(3), 3.5, "3", nil}, nil},
		{`{"type": ["string", "null"]}`, []any{"", nil, int64(0), false, []any{}}, nil},
		{`{"type": "boolean"}`, []any{true, false, "true", int64(1)}, nil},
		{`{"type": "array"}`, []any{[]any{}, map[string]any{}}, nil},
		{`{"type": "object"}`, []any{map[string]any{}, []any{}}, nil},
		{`{"enum": ["a", "b"]}`, []any{"a", "c", "", nil, int64(1)}, nil},
		{`{"enum": [1]}`, []any{int64(1), 1.0, 1.5, "1", true, int64(1)<<53 + 1}, nil},
		{`{"minimum": 0, "maximum": 100}`, []any{int64(0), int64(100), int64(-1), int64(101), -0.5, 100.5, 99.99, int64(1) << 60, -(int64(1) << 60), 1e300, "200"}, nil},
		{`{"minimum": 1}`, []any{int64(1), 0.99, 1.0, int64(0), nil}, nil},
		{`{"minLength": 1}`, []any{"", "a", "ø", int64(1)}, nil},
		{`{"minLength": 2}`, []any{"a", "ø", "øø", "ab"}, nil},
		{`{"pattern": "^[a-z]+$"}`, []any{"abc", "Abc", "", "ab c", int64(5)}, nil},
		{`{"format": "date"}`, []any{"2027-02-28", "2027-02-29", "2028-02-29", "2027-2-28", "2027-02-28T00:00:00Z", "", int64(20270228)}, nil},
		{`{"required": ["a", "b"]}`, []any{map[string]any{"a": 1.0, "b": nil}, map[string]any{"a": 1.0}, "not an object"}, nil},
		{`{"properties": {"a": {"type": "string"}}, "additionalProperties": false}`, []any{map[string]any{"a": "x"}, map[string]any{"a": 1.0}, map[string]any{"b": "x"}, map[string]any{}}, nil},
		{`{"properties": {"a": {"type": "string"}}, "patternProperties": {"^x-": {"type": "integer"}}, "additionalProperties": false}`, []any{map[string]any{"x-y": int64(1)}, map[string]any{"x-y": "s"}, map[string]any{"y-x": int64(1)}, map[string]any{"a": "s", "x-": int64(2)}}, nil},
		{`{"additionalProperties": {"type": "number"}, "propertyNames": {"pattern": "^[a-z]+$"}}`, []any{map[string]any{"a": 1.0}, map[string]any{"a": "1"}, map[string]any{"A": 1.0}, map[string]any{"": 1.0}}, nil},
		{`{"items": {"type": "string"}, "minItems": 1, "uniqueItems": true}`, []any{[]any{"a"}, []any{}, []any{"a", "a"}, []any{"a", int64(1)}, []any{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "a"}}, nil},
		{`{"uniqueItems": true}`, []any{[]any{int64(1), 1.0}, []any{nil, nil}, []any{"a", "b"}, []any{"a", "a"}}, []any{[]any{int64(1), int64(2)}, []any{"a", nil}}},
		{`{"$ref": "#/$defs/d", "minLength": 3, "$defs": {"d": {"type": "string", "pattern": "^a"}}}`, []any{"abc", "ab", "bcd", int64(1)}, nil},
		{`{"maxItems": 2}`, []any{[]any{}, []any{"a", "b"}, []any{"a", "b", "c"}, "abc"}, nil},
		{`{"anyOf": [{"$ref": "#/$defs/o"}, {"type": "array", "items": {"$ref": "#/$defs/o"}, "minItems": 1, "maxItems": 2}], "$defs": {"o": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}, "additionalProperties": false}}}`,
			[]any{map[string]any{"n": int64(1)}, map[string]any{}, []any{map[string]any{"n": int64(1)}}, []any{}, []any{map[string]any{"n": int64(1)}, map[string]any{"n": "x"}},
				[]any{map[string]any{"n": int64(1)}, map[string]any{"n": int64(2)}, map[string]any{"n": int64(3)}}, "n", nil}, nil},
		{`{"anyOf": [{"type": "string", "minLength": 2}, {"enum": ["a"]}]}`, []any{"ab", "a", "b", "", int64(1)}, nil},
	} {
		p, err := compilePrecheck([]byte(tc.schema))
		if err != nil {
			t.Fatalf("%s: %v", tc.schema, err)
		}
		c := jsonschemaCompiler(t, tc.schema)
		for _, v := range tc.values {
			if got, want := p.valid(v), c.Validate(v) == nil; got && !want || want && !got {
				t.Errorf("%s on %#v: precheck %v, reference %v", tc.schema, v, got, want)
			}
		}
		for _, v := range tc.unproven {
			if p.valid(v) || c.Validate(v) != nil {
				t.Errorf("%s on %#v: want the precheck unsure of a valid value", tc.schema, v)
			}
		}
	}
}

// jsonschemaCompiler compiles a schema with the reference validator, set up
// as the embedded schema is.
func jsonschemaCompiler(t *testing.T, doc string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	if err := c.AddResource("test.json", strings.NewReader(doc)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("test.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// FuzzKnownPatterns holds the hand-written matchers to the regexp package.
func FuzzKnownPatterns(f *testing.F) {
	for _, s := range []string{"", "a", "ch-0", "-a", "A", "a_b", "09:30", "24:00", "23:59", "9:30", "19:60",
		"4h", "1d12h", "h", "4", "4hh", "en", "e", "engl", "en-GB", "en-", "en-G", "en-123456789", "zh-Hant-TW",
		"@anna.outside", "@", "a b", "#tag", "##tag", "#", "#a b", "ta#g", "#ø", "https://x", "http://", "https://a b",
		"ftp://x", "x-", "x-y", "X-y", "a\nb", "a\fb", "a\vb", "\xff", "#\xff", "@\xff",
		"{platform}", "a{campaign}b", "{x}", "{platform", "}", "{}", "required", "a.no", "shop.a-b.no", "-a.no", "a-.no", "a..no", ".no", "a.n0", "a.no.",
		"1.2.3.4"} {
		f.Add(s)
	}
	type pair struct {
		re    *regexp.Regexp
		match func(string) bool
	}
	var pairs []pair
	for p, m := range knownPatterns {
		pairs = append(pairs, pair{regexp.MustCompile(p), m})
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range pairs {
			if got, want := p.match(s), p.re.MatchString(s); got != want {
				t.Errorf("%s on %q: matcher %v, regexp %v", p.re, s, got, want)
			}
		}
	})
}

// TestKnownPatternsCoverTheSchema: every pattern in the schema has a
// matcher of its own (else it goes through the slower regexp package).
func TestKnownPatternsCoverTheSchema(t *testing.T) {
	_, doc := readSchemaFile(t)
	all, _ := allSubschemas(doc)
	for _, n := range all {
		if p, ok := n.m["pattern"].(string); ok && knownPatterns[p] == nil {
			t.Errorf("#%s: pattern %s has no matcher in knownPatterns", n.ptr, p)
		}
	}
}

// stripAnnotations removes the annotation keywords from every schema
// object of a decoded schema document (not from maps of names, such as
// properties), as decodeForPrecheck leaves them out.
func stripAnnotations(v any, schema bool) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if schema && annotations[k] && k != "$defs" && k != "$schema" && k != "$id" {
				continue
			}
			out[k] = stripAnnotations(e, !schema || !schemaMaps[k])
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = stripAnnotations(e, true)
		}
		return out
	}
	return v
}

// TestDecodeForPrecheck: the decoder that skips annotations reads the
// embedded schema, and documents with every kind of JSON value and escape,
// as encoding/json does, annotations aside, and refuses broken ones.
func TestDecodeForPrecheck(t *testing.T) {
	docs := [][]byte{JSON,
		[]byte(`{"type": "object", "properties": {"description": {"type": "string", "description": "kept as a name"}, "title": {"enum": [1, -2.5e3, true, false, null, "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\ud800x"]}},
		 "examples": [{"a": [1, {"b": "}"}]}], "default": "x,y", "$comment": "\"]}", "required": ["title"], "anyOf": [{"title": "t", "minItems": 0}, {}]}`),
	}
	for _, doc := range docs {
		got, err := decodeForPrecheck(doc)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if want = stripAnnotations(want, true); !reflect.DeepEqual(any(got), want) {
			t.Errorf("decodeForPrecheck differs from encoding/json on %.60s…", doc)
		}
	}
	for _, bad := range []string{``, `{`, `{"a": }`, `{"a": 1,}`, `{"a": "x}`, `{"a": [1 2]}`, `{"a": tru}`, `{"a": 1} x`, `[1]`, `{"a": "\x"}`, `{"description": [}`} {
		if _, err := decodeForPrecheck([]byte(bad)); err == nil {
			t.Errorf("decodeForPrecheck(%q) succeeded", bad)
		}
	}
}

// FuzzDecodeForPrecheck: on any document encoding/json reads as an object,
// decodeForPrecheck gives the same, annotations aside; on any other it
// never panics.
func FuzzDecodeForPrecheck(f *testing.F) {
	f.Add([]byte(`{"type": "object", "properties": {"title": {"description": "x", "enum": ["\u00e9", 1.5]}}, "examples": [{}]}`))
	f.Add([]byte(`{"a": "\ud83d\ude00 \ud800 \\ \/", "b": [null, true, -0.5e-3]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		got, err := decodeForPrecheck(doc)
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.UseNumber()
		var want map[string]any
		if !json.Valid(doc) || dec.Decode(&want) != nil || want == nil {
			return
		}
		if err != nil {
			t.Fatalf("encoding/json reads %q, decodeForPrecheck: %v", doc, err)
		}
		if !reflect.DeepEqual(any(got), stripAnnotations(want, true)) {
			t.Fatalf("%q: decodeForPrecheck %v, encoding/json %v", doc, got, want)
		}
	})
}
