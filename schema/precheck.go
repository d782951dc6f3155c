package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// A precheck decides quickly whether a value passes the embedded JSON
// Schema. Almost every strategy does, and proving that takes a fraction of
// the time the reference validator (github.com/santhosh-tekuri/jsonschema)
// needs, since it builds no error values or instance locations and
// allocates nothing. When the precheck cannot prove a value valid, the
// reference validator runs and its errors become the diagnostics, so
// findings and their wording always come from the reference.
//
// A precheck only ever errs towards "not proven": it understands exactly
// the keywords the schema uses, refuses to compile a schema with any other,
// and treats anything it does not model (say, uniqueItems over values that
// are not text) as unproven. Tests compare its verdict with the reference
// validator's on the examples, the bad-input corpus and mutated and fuzzed
// strategies.
type precheck struct {
	types    uint8 // typeNull | typeBool | …; 0 means any
	ref      *precheck
	refName  string // the $ref to resolve once all of $defs is compiled
	props    map[string]*precheck
	patterns []patternSchema
	addl     *precheck // additionalProperties as a schema
	noAddl   bool      // additionalProperties: false
	required []string
	names    *precheck // propertyNames
	items    *precheck
	anyOf    []*precheck
	minItems int // -1 when unset
	maxItems int // -1 when unset
	unique   bool
	enum     []any // strings, float64 and bool from the schema
	minLen   int   // -1 when unset
	pattern  func(string) bool
	date     bool // format: date
	min, max *float64
}

type patternSchema struct {
	match func(string) bool
	sch   *precheck
}

const (
	typeNull uint8 = 1 << iota
	typeBool
	typeInteger
	typeNumber
	typeString
	typeArray
	typeObject
)

var typeBits = map[string]uint8{"null": typeNull, "boolean": typeBool, "integer": typeInteger,
	"number": typeNumber, "string": typeString, "array": typeArray, "object": typeObject}

// annotations are keywords that never change a verdict.
var annotations = map[string]bool{"$schema": true, "$id": true, "$comment": true, "$defs": true,
	"title": true, "description": true, "examples": true, "default": true}

// prechecked is the precheck of the embedded schema, or nil when it uses
// a keyword the precheck does not model (then the reference validator
// checks every document).
var prechecked = sync.OnceValue(func() *precheck {
	p, err := compilePrecheck(JSON)
	if err != nil {
		return nil
	}
	return p
})

// Prepare readies the schema's precheck, which the first validation
// would otherwise build: a command that is about to read a strategy calls
// it on a goroutine of its own, so that the work overlaps the reading.
func Prepare() { prechecked() }

// compilePrecheck builds the precheck of a schema document whose $refs all
// point into its own $defs.
func compilePrecheck(doc []byte) (*precheck, error) {
	root, err := decodeForPrecheck(doc)
	if err != nil {
		return nil, err
	}
	defs := map[string]*precheck{}
	var all []*precheck
	var build func(ptr string, v any) (*precheck, error)
	build = func(ptr string, v any) (*precheck, error) {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("#%s: not an object schema", ptr)
		}
		p := &precheck{minItems: -1, maxItems: -1, minLen: -1}
		all = append(all, p)
		for k, kv := range m {
			var err error
			switch k {
			case "type":
				switch t := kv.(type) {
				case string:
					p.types = typeBits[t]
				case []any:
					for _, x := range t {
						s, _ := x.(string)
						p.types |= typeBits[s]
					}
				}
				if p.types == 0 {
					err = fmt.Errorf("unknown type %v", kv)
				}
			case "$ref":
				p.refName, _ = kv.(string)
				if !strings.HasPrefix(p.refName, "#/$defs/") {
					err = fmt.Errorf("$ref %v is not into $defs", kv)
				}
			case "properties":
				props, _ := kv.(map[string]any)
				p.props = make(map[string]*precheck, len(props))
				for name, sub := range props {
					if p.props[name], err = build(ptr+"/properties/"+name, sub); err != nil {
						return nil, err
					}
				}
			case "patternProperties":
				pats, _ := kv.(map[string]any)
				keys := make([]string, 0, len(pats))
				for k := range pats {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, pat := range keys {
					match, err := matcher(pat)
					if err != nil {
						return nil, err
					}
					sub, err := build(ptr+"/patternProperties/"+pat, pats[pat])
					if err != nil {
						return nil, err
					}
					p.patterns = append(p.patterns, patternSchema{match, sub})
				}
			case "additionalProperties":
				if b, ok := kv.(bool); ok {
					if !b {
						p.noAddl = true
					}
				} else {
					p.addl, err = build(ptr+"/additionalProperties", kv)
				}
			case "propertyNames":
				p.names, err = build(ptr+"/propertyNames", kv)
			case "items":
				p.items, err = build(ptr+"/items", kv)
			case "required":
				list, _ := kv.([]any)
				for _, x := range list {
					s, ok := x.(string)
					if !ok {
						return nil, fmt.Errorf("#%s: required holds %v", ptr, x)
					}
					p.required = append(p.required, s)
				}
			case "minItems":
				p.minItems, err = count(kv)
			case "maxItems":
				p.maxItems, err = count(kv)
			case "anyOf":
				list, _ := kv.([]any)
				if len(list) == 0 {
					err = fmt.Errorf("empty anyOf")
				}
				for i, sub := range list {
					var b *precheck
					if b, err = build(fmt.Sprintf("%s/anyOf/%d", ptr, i), sub); err != nil {
						break
					}
					p.anyOf = append(p.anyOf, b)
				}
			case "minLength":
				p.minLen, err = count(kv)
			case "uniqueItems":
				p.unique, _ = kv.(bool)
			case "enum":
				list, _ := kv.([]any)
				for _, x := range list {
					switch x := x.(type) {
					case string, bool:
						p.enum = append(p.enum, x)
					case json.Number:
						f, err := exactBound(x)
						if err != nil {
							return nil, err
						}
						p.enum = append(p.enum, f)
					default:
						return nil, fmt.Errorf("#%s: enum value %v is not modelled", ptr, x)
					}
				}
				if len(p.enum) == 0 {
					err = fmt.Errorf("empty enum")
				}
			case "pattern":
				s, _ := kv.(string)
				p.pattern, err = matcher(s)
			case "format":
				if kv != "date" {
					err = fmt.Errorf("format %v is not modelled", kv)
				}
				p.date = true
			case "minimum", "maximum":
				n, _ := kv.(json.Number)
				var f float64
				if f, err = exactBound(n); err == nil {
					if k == "minimum" {
						p.min = &f
					} else {
						p.max = &f
					}
				}
			case "$defs":
				if ptr != "" {
					err = fmt.Errorf("$defs below the root")
				}
				ds, _ := kv.(map[string]any)
				for name, sub := range ds {
					if defs[name], err = build("/$defs/"+name, sub); err != nil {
						return nil, err
					}
				}
			default:
				if !annotations[k] {
					err = fmt.Errorf("keyword %q is not modelled", k)
				}
			}
			if err != nil {
				return nil, fmt.Errorf("#%s/%s: %w", ptr, k, err)
			}
		}
		return p, nil
	}
	root2, err := build("", root)
	if err != nil {
		return nil, err
	}
	for _, p := range all {
		if p.refName != "" {
			if p.ref = defs[strings.TrimPrefix(p.refName, "#/$defs/")]; p.ref == nil {
				return nil, fmt.Errorf("$ref %s names nothing", p.refName)
			}
		}
	}
	return root2, nil
}

func count(v any) (int, error) {
	n, _ := v.(json.Number)
	i, err := n.Int64()
	if err != nil || i < 0 || i > math.MaxInt32 {
		return 0, fmt.Errorf("%v is not a count", v)
	}
	return int(i), nil
}

// exactBound reads a number from the schema that compares exactly with
// both int64 and float64 values: a whole number below 2^53 in size, so that
// converting an int64 to float64 cannot carry it across the bound.
func exactBound(n json.Number) (float64, error) {
	i, err := n.Int64()
	if err != nil || i >= 1<<53 || i <= -(1<<53) {
		return 0, fmt.Errorf("bound %v is not modelled", n)
	}
	return float64(i), nil
}

// valid reports whether v surely passes the schema. False means "not
// proven": the reference validator decides.
func (p *precheck) valid(v any) bool {
	if s, ok := v.(string); ok {
		return p.validText(s)
	}
	if p.types != 0 && !p.hasType(v) {
		return false
	}
	if p.enum != nil && !p.inEnum(v) {
		return false
	}
	switch x := v.(type) {
	case map[string]any:
		if !p.validObject(x) {
			return false
		}
	case []any:
		if p.minItems >= 0 && len(x) < p.minItems || p.maxItems >= 0 && len(x) > p.maxItems {
			return false
		}
		if p.items != nil {
			for _, it := range x {
				if !p.items.valid(it) {
					return false
				}
			}
		}
		if p.unique && !uniqueTexts(x) {
			return false
		}
	case int64:
		if (p.min != nil || p.max != nil) && !inRange(float64(x), p.min, p.max) {
			return false
		}
	case float64:
		if (p.min != nil || p.max != nil) && !inRange(x, p.min, p.max) {
			return false
		}
	}
	if p.anyOf != nil && !p.validAny(v) {
		return false
	}
	return p.ref == nil || p.ref.valid(v)
}

// validAny reports whether v surely passes one of anyOf's schemas.
func (p *precheck) validAny(v any) bool {
	for _, b := range p.anyOf {
		if b.valid(v) {
			return true
		}
	}
	return false
}

// validText is valid for text, without boxing it in an interface (map
// keys checked against propertyNames would otherwise allocate).
func (p *precheck) validText(s string) bool {
	if p.types != 0 && p.types&typeString == 0 {
		return false
	}
	if p.enum != nil && !textInEnum(p.enum, s) {
		return false
	}
	if p.date {
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return false
		}
	}
	if p.minLen > 0 && (len(s) < p.minLen || (p.minLen > 1 && utf8.RuneCountInString(s) < p.minLen)) {
		return false
	}
	if p.pattern != nil && !p.pattern(s) {
		return false
	}
	if p.anyOf != nil && !p.validAny(s) {
		return false
	}
	return p.ref == nil || p.ref.validText(s)
}

func (p *precheck) validObject(m map[string]any) bool {
	for _, r := range p.required {
		if _, ok := m[r]; !ok {
			return false
		}
	}
	for k, v := range m {
		if p.names != nil && !p.names.valid(k) {
			return false
		}
		matched := false
		if sub, ok := p.props[k]; ok {
			if !sub.valid(v) {
				return false
			}
			matched = true
		}
		for _, ps := range p.patterns {
			if ps.match(k) {
				if !ps.sch.valid(v) {
					return false
				}
				matched = true
			}
		}
		if matched {
			continue
		}
		if p.noAddl {
			return false
		}
		if p.addl != nil && !p.addl.valid(v) {
			return false
		}
	}
	return true
}

func (p *precheck) hasType(v any) bool {
	switch x := v.(type) {
	case nil:
		return p.types&typeNull != 0
	case bool:
		return p.types&typeBool != 0
	case string:
		return p.types&typeString != 0
	case int64:
		return p.types&(typeInteger|typeNumber) != 0
	case float64:
		// JSON Schema counts 3.0 as an integer; an integral float64 is one
		// exactly when its shortest decimal form (which the reference
		// reads) is.
		return p.types&typeNumber != 0 || (p.types&typeInteger != 0 && x == math.Trunc(x))
	case []any:
		return p.types&typeArray != 0
	case map[string]any:
		return p.types&typeObject != 0
	}
	return false
}

func (p *precheck) inEnum(v any) bool {
	for _, e := range p.enum {
		switch x := v.(type) {
		case bool:
			if x == e {
				return true
			}
		case int64:
			if f, ok := e.(float64); ok && float64(x) == f {
				return true
			}
		case float64:
			if f, ok := e.(float64); ok && x == f {
				return true
			}
		}
	}
	return false
}

func textInEnum(enum []any, s string) bool {
	for _, e := range enum {
		if t, ok := e.(string); ok && t == s {
			return true
		}
	}
	return false
}

// inRange compares a number with bounds that exactBound accepted.
func inRange(f float64, lo, hi *float64) bool {
	return (lo == nil || f >= *lo) && (hi == nil || f <= *hi)
}

// uniqueTexts reports whether a list holds only text and no text twice.
// A list with anything else in it is left to the reference validator.
func uniqueTexts(list []any) bool {
	if len(list) <= 16 {
		for i, a := range list {
			s, ok := a.(string)
			if !ok {
				return false
			}
			for _, b := range list[:i] {
				if b == s {
					return false
				}
			}
		}
		return true
	}
	seen := make(map[string]struct{}, len(list))
	for _, a := range list {
		s, ok := a.(string)
		if !ok {
			return false
		}
		if _, dup := seen[s]; dup {
			return false
		}
		seen[s] = struct{}{}
	}
	return true
}
