package schema

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/pillar-strategy/pillar/strategy"
)

// schemaDiagnostics validates the document against the JSON Schema and
// turns each leaf error into one plain-language diagnostic at the line of
// the value (or key) it is about.
func schemaDiagnostics(doc *strategy.Document) []Diagnostic {
	if p := prechecked(); p != nil && p.valid(doc.Value) {
		return nil
	}
	sch, err := compiled()
	if err != nil {
		return []Diagnostic{{File: doc.Source.Main, Line: 1, Column: 1, Rule: "invalid-value", Severity: Error,
			Message: "internal error: the embedded schema does not compile: " + err.Error()}}
	}
	err = sch.Validate(doc.Value)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []Diagnostic{{File: doc.Source.Main, Line: 1, Column: 1, Rule: "invalid-value", Severity: Error, Message: err.Error()}}
	}
	var leaves []*jsonschema.ValidationError
	unions := map[*jsonschema.ValidationError][]string{} // a type leaf standing for anyOf's types
	var collect func(e *jsonschema.ValidationError)
	collect = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, e)
			return
		}
		causes := e.Causes
		if strings.HasSuffix(e.KeywordLocation, "/anyOf") {
			// A value that may take several forms (one cadence, or a
			// list of them) is reported against the form of its own
			// type; when it has none of them, once, with them all.
			var fit []*jsonschema.ValidationError
			var types []string
			for _, c := range causes {
				if t, ok := typeOnly(c, e.InstanceLocation); ok {
					types = append(types, t)
				} else {
					fit = append(fit, c)
				}
			}
			if len(fit) == 0 {
				first := firstLeaf(causes[0])
				unions[first] = types
				leaves = append(leaves, first)
				return
			}
			causes = fit
		}
		for _, c := range causes {
			collect(c)
		}
	}
	collect(ve)
	// The library reports leaves in map order; sort for stable output.
	sort.SliceStable(leaves, func(i, j int) bool {
		if leaves[i].InstanceLocation != leaves[j].InstanceLocation {
			return leaves[i].InstanceLocation < leaves[j].InstanceLocation
		}
		return leaves[i].KeywordLocation < leaves[j].KeywordLocation
	})
	var out []Diagnostic
	for _, e := range leaves {
		out = append(out, convertLeaf(doc, e, unions[e])...)
	}
	return out
}

// typeOnly reports whether a failure is only that the value at loc has
// the wrong type, and which type the schema wanted.
func typeOnly(e *jsonschema.ValidationError, loc string) (string, bool) {
	if len(e.Causes) == 0 {
		if !strings.HasSuffix(e.KeywordLocation, "/type") || e.InstanceLocation != loc {
			return "", false
		}
		t, _ := schemaAt(e.AbsoluteKeywordLocation)
		s, ok := t.(string)
		return s, ok
	}
	if len(e.Causes) != 1 {
		return "", false
	}
	return typeOnly(e.Causes[0], loc)
}

func firstLeaf(e *jsonschema.ValidationError) *jsonschema.ValidationError {
	for len(e.Causes) > 0 {
		e = e.Causes[0]
	}
	return e
}

// instancePointer turns the library's instance location (JSON pointer
// tokens, each URL-path-escaped) into a plain RFC 6901 pointer.
func instancePointer(loc string) string {
	if loc == "" {
		return ""
	}
	toks := strings.Split(loc, "/")
	for i, t := range toks {
		if u, err := url.PathUnescape(t); err == nil {
			toks[i] = u
		}
	}
	return strings.Join(toks, "/")
}

// schemaAt returns the raw schema value at an absolute keyword location
// (URL#pointer), and the object holding that keyword.
func schemaAt(abs string) (keyword any, parent map[string]any) {
	i := strings.IndexByte(abs, '#')
	if i < 0 {
		return nil, nil
	}
	ptr := abs[i+1:]
	if u, err := url.PathUnescape(ptr); err == nil {
		ptr = u
	}
	var cur any = raw()
	toks := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for _, t := range toks {
		t = strings.NewReplacer("~1", "/", "~0", "~").Replace(t)
		switch v := cur.(type) {
		case map[string]any:
			parent = v
			cur = v[t]
		case []any:
			n, err := strconv.Atoi(t)
			if err != nil || n < 0 || n >= len(v) {
				return nil, nil
			}
			parent = nil
			cur = v[n]
		default:
			return nil, nil
		}
	}
	return cur, parent
}

func valueAt(v any, ptr string) (any, bool) {
	if ptr == "" {
		return v, true
	}
	for _, t := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		t = strings.NewReplacer("~1", "/", "~0", "~").Replace(t)
		switch c := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = c[t]; !ok {
				return nil, false
			}
		case []any:
			n, err := strconv.Atoi(t)
			if err != nil || n < 0 || n >= len(c) {
				return nil, false
			}
			v = c[n]
		default:
			return nil, false
		}
	}
	return v, true
}

// humanPath writes a pointer the way a strategist reads it:
// "/pillars/0/weight" becomes "pillars[0].weight".
func humanPath(ptr string) string {
	if ptr == "" {
		return "the strategy"
	}
	var b strings.Builder
	for _, t := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		t = strings.NewReplacer("~1", "/", "~0", "~").Replace(t)
		if _, err := strconv.Atoi(t); err == nil {
			fmt.Fprintf(&b, "[%s]", t)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(t)
	}
	return b.String()
}

var quoted = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`'((?:[^'\\]|\\.)*)'`)
})

// convertLeaf turns one failure into diagnostics. types, when set, are
// the types a value of several forms may take (the failure is a type
// leaf standing for all of them).
func convertLeaf(doc *strategy.Document, e *jsonschema.ValidationError, types []string) []Diagnostic {
	ptr := instancePointer(e.InstanceLocation)
	kwLoc := e.KeywordLocation
	keyword := kwLoc[strings.LastIndexByte(kwLoc, '/')+1:]
	kwVal, parent := schemaAt(e.AbsoluteKeywordLocation)
	inst, _ := valueAt(doc.Value, ptr)
	where := humanPath(ptr)

	at := func(ptr string, onKey bool, rule, msg, hint string) Diagnostic {
		sp := doc.Source.Span(ptr)
		p, n := sp.Value, sp.Len
		if onKey {
			p, n = sp.Key, sp.KeyLen
		}
		return Diagnostic{File: p.File, Line: p.Line, Column: p.Col, Length: n, Rule: rule, Severity: Error,
			Message: msg, Hint: hint, Path: ptr}
	}
	hint := hintAt(e.AbsoluteKeywordLocation)

	// A failure inside propertyNames is about a map key.
	if strings.Contains(kwLoc, "/propertyNames/") || strings.HasSuffix(kwLoc, "/propertyNames") {
		name := ptr[strings.LastIndexByte(ptr, '/')+1:]
		return []Diagnostic{at(ptr, true, "invalid-value",
			fmt.Sprintf("%q is not a valid key in %s", strings.NewReplacer("~1", "/", "~0", "~").Replace(name), humanPath(ptr[:strings.LastIndexByte(ptr, '/')])),
			orDefault(hint, "Keys here are ids: lower-case letters, digits, - and _."))}
	}

	switch keyword {
	case "additionalProperties":
		obj, _ := inst.(map[string]any)
		props, _ := parent["properties"].(map[string]any)
		known := make([]string, 0, len(props))
		for k := range props {
			known = append(known, k)
		}
		sort.Strings(known)
		var unknown []string
		for k := range obj {
			if _, ok := props[k]; !ok {
				unknown = append(unknown, k)
			}
		}
		sort.Strings(unknown)
		var out []Diagnostic
		for _, k := range unknown {
			kp := ptr + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
			in := "the strategy"
			if ptr != "" {
				in = where
			}
			sug := didYouMean(k, known)
			d := at(kp, true, "unknown-key",
				fmt.Sprintf("unknown key %q in %s%s", k, in, sug),
				"Known keys here: "+strings.Join(known, ", ")+".")
			// Renamed only to a key the mapping does not have yet: two
			// keys of one name would be an error of their own.
			if best, unique := sug.pick(); unique {
				if _, taken := obj[best]; !taken {
					d.want = &fixWant{ptr: kp, onKey: true, from: k, to: best, safe: true}
				}
			}
			out = append(out, d)
		}
		return out
	case "required":
		var out []Diagnostic
		obj, _ := inst.(map[string]any)
		props, _ := parent["properties"].(map[string]any)
	required:
		for _, m := range quoted().FindAllStringSubmatch(e.Message, -1) {
			// A misspelt key (weigth) is reported once, as unknown with a
			// suggestion, not again as the missing key it was meant to be.
			for k := range obj {
				if _, known := props[k]; !known && closest(k, []string{m[1]}) == m[1] {
					continue required
				}
			}
			out = append(out, at(ptr, true, "missing-key",
				fmt.Sprintf("%s is missing the required key %q", where, m[1]),
				fmt.Sprintf("Add `%s:` to %s.", m[1], where)))
		}
		return out
	case "type":
		want := "a value of another type"
		if types != nil {
			kwVal = anySlice(types)
		}
		switch v := kwVal.(type) {
		case string:
			want = typeWord(v)
		case []any:
			var ws []string
			for _, x := range v {
				if s, ok := x.(string); ok {
					ws = append(ws, typeWord(s))
				}
			}
			want = strings.Join(ws, " or ")
		}
		if slices.Equal(types, []string{"object", "array"}) {
			want = "a mapping (key: value pairs) or a list of mappings"
		}
		msg := fmt.Sprintf("%s must be %s, not %s", where, want, describe(inst))
		if s, ok := inst.(string); ok {
			// 1:30 and yes were a number and true to YAML 1.1; say so,
			// since that is what the writer likely meant.
			kind := "number"
			if want == typeWord("boolean") {
				kind = "boolean"
			}
			if why := strategy.YAML11Reading(s, kind); why != "" {
				msg += " (" + why + ")"
			}
		}
		d := at(ptr, false, "wrong-type", msg, hint)
		if inst == nil && want == typeWord("string") {
			// "- #nordlys": the item is empty because YAML read the
			// hashtag after it as a comment.
			if tag, pos, ok := hashtagAfter(doc.Source, strategy.Pos{File: d.File, Line: d.Line, Col: d.Column}); ok && takesText(ptr, tag) {
				d.Message += fmt.Sprintf(": YAML read %s as a comment; did you mean %q?", tag, tag)
				d.want = &fixWant{rest: strategy.QuoteYAML(tag), at: pos, safe: true}
			}
		}
		return []Diagnostic{d}
	case "enum":
		var opts []string
		if list, ok := kwVal.([]any); ok {
			for _, x := range list {
				opts = append(opts, fmt.Sprint(x))
			}
		}
		got := fmt.Sprint(inst)
		guess := enumGuess(got, opts)
		msg := fmt.Sprintf("%q is not a valid %s", got, enumName(kwLoc, e.AbsoluteKeywordLocation, ptr))
		if guess != "" {
			msg += fmt.Sprintf("; did you mean %q?", guess)
		}
		d := at(ptr, false, "invalid-value", msg, orDefault(hint, "Use one of: "+strings.Join(opts, ", ")+"."))
		if str, ok := inst.(string); ok && guess != "" {
			d.want = &fixWant{ptr: ptr, from: str, to: guess, safe: true}
		}
		return []Diagnostic{d}
	case "const":
		return []Diagnostic{at(ptr, false, "invalid-value",
			fmt.Sprintf("%s must be %v, not %s", where, kwVal, describe(inst)), hint)}
	case "pattern", "format":
		str, isText := inst.(string)
		name := defTitle(e.AbsoluteKeywordLocation)
		if !isText || name == "" || str == "" {
			return []Diagnostic{at(ptr, false, "invalid-value",
				fmt.Sprintf("%s is not valid for %s", describe(inst), where), hint)}
		}
		msg := fmt.Sprintf("%q is not a valid %s for %s", str, name, where)
		want := formatGuess(e.AbsoluteKeywordLocation, str)
		if want != nil {
			msg += fmt.Sprintf("; did you mean %q?", want.to)
			want.ptr = ptr
		}
		d := at(ptr, false, "invalid-value", msg, hint)
		d.want = want
		return []Diagnostic{d}
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
		bound := map[string]string{"minimum": "at least", "maximum": "at most",
			"exclusiveMinimum": "more than", "exclusiveMaximum": "less than"}[keyword]
		return []Diagnostic{at(ptr, false, "invalid-value",
			fmt.Sprintf("%s must be %s %v, not %v", where, bound, kwVal, inst), hint)}
	case "uniqueItems":
		if list, ok := inst.([]any); ok {
			// By a set, not by pairs: a list of 30,000 with its repeat at
			// the end would be half a billion comparisons.
			seen := make(map[string]bool, len(list))
			for j, v := range list {
				k := fmt.Sprintf("%T:%v", v, v)
				if seen[k] {
					what := fmt.Sprint(v)
					if v == nil {
						what = "an empty entry"
					}
					return []Diagnostic{at(ptr+"/"+strconv.Itoa(j), false, "invalid-value",
						fmt.Sprintf("%s appears twice in %s", what, where),
						"Remove the second one; each entry counts once.")}
				}
				seen[k] = true
			}
		}
		return []Diagnostic{at(ptr, false, "invalid-value", fmt.Sprintf("%s: the list has the same entry twice", where), "Remove the repeated entry.")}
	case "minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties":
		return []Diagnostic{at(ptr, false, "invalid-value", fmt.Sprintf("%s: %s", where, plainLimit(keyword, kwVal)), hint)}
	}
	return []Diagnostic{at(ptr, false, "invalid-value", fmt.Sprintf("%s: %s", where, e.Message), hint)}
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func plainLimit(keyword string, v any) string {
	switch keyword {
	case "minItems":
		return fmt.Sprintf("the list needs at least %v entries", v)
	case "maxItems":
		return fmt.Sprintf("the list may have at most %v entries", v)
	case "minLength":
		return fmt.Sprintf("the text must be at least %v characters long", v)
	case "maxLength":
		return fmt.Sprintf("the text may be at most %v characters long", v)
	case "uniqueItems":
		return "the list has the same entry twice"
	}
	return fmt.Sprintf("%s %v", keyword, v)
}

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// lastName names the value ptr points at in a message: its key, or for
// an item of a list the list's key in the singular ("days" → "day").
func lastName(ptr string) string {
	toks := strings.Split(ptr, "/")
	for i := len(toks) - 1; i >= 0; i-- {
		if _, err := strconv.Atoi(toks[i]); err != nil && toks[i] != "" {
			name := strings.ReplaceAll(toks[i], "_", " ")
			if i < len(toks)-1 {
				name = singular(name)
			}
			return name
		}
	}
	return "value"
}

// enumName names the kind of value an enum allows: by the key that holds
// it ("platform", or "day" for an item of days), but by the title of its
// definition when the key is one the strategy chose (a rule's id in the
// rules map: "rule severity", not "persona-stale").
func enumName(kwLoc, abs, ptr string) string {
	loc := strings.TrimSuffix(strings.TrimSuffix(kwLoc, "/enum"), "/$ref")
	if strings.HasSuffix(loc, "/additionalProperties") || strings.HasSuffix(loc[:max(0, strings.LastIndexByte(loc, '/'))], "/patternProperties") {
		if t, _ := schemaAt(abs[:strings.LastIndexByte(abs, '/')] + "/title"); t != nil {
			if title, ok := t.(string); ok && title != "" {
				return strings.ToLower(title)
			}
		}
	}
	return lastName(ptr)
}

// singular is the singular of the English plural a list is named with:
// days, formats, networks, hashtags, categories.
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies"):
		return strings.TrimSuffix(s, "ies") + "y"
	case strings.HasSuffix(s, "ss"), !strings.HasSuffix(s, "s"):
		return s
	}
	return strings.TrimSuffix(s, "s")
}

func typeWord(t string) string {
	switch t {
	case "object":
		return "a mapping (key: value pairs)"
	case "array":
		return "a list"
	case "string":
		return "text"
	case "integer":
		return "a whole number"
	case "number":
		return "a number"
	case "boolean":
		return "true or false"
	case "null":
		return "empty"
	}
	return t
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "empty"
	case string:
		return fmt.Sprintf("the text %q", x)
	case bool:
		return fmt.Sprintf("%v", x)
	case int64, float64, int:
		return fmt.Sprintf("the number %v", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprint(v)
}
