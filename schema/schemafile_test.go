package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/pillar-strategy/pillar/strategy"
)

const schemaFileURL = "https://github.com/pillar-strategy/pillar/schema/strategy.schema.json"

// readSchemaFile reads strategy.schema.json from the package folder and
// decodes it into plain maps and slices.
func readSchemaFile(t *testing.T) (raw []byte, doc map[string]any) {
	t.Helper()
	raw, err := os.ReadFile("strategy.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("strategy.schema.json is not JSON: %v", err)
	}
	return raw, doc
}

// schemaCompiler returns a compiler that holds the schema file as a resource.
func schemaCompiler(t *testing.T, raw []byte) *jsonschema.Compiler {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	if err := c.AddResource(schemaFileURL, bytes.NewReader(raw)); err != nil {
		t.Fatalf("adding the schema: %v", err)
	}
	return c
}

func compileSchemaFile(t *testing.T) (*jsonschema.Schema, map[string]any) {
	t.Helper()
	raw, doc := readSchemaFile(t)
	sch, err := schemaCompiler(t, raw).Compile(schemaFileURL)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch, doc
}

func TestSchemaFileCompiles(t *testing.T) {
	_, doc := compileSchemaFile(t)
	if got := doc["$schema"]; got != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v, want draft 2020-12", got)
	}
	if got := doc["$id"]; got != schemaFileURL {
		t.Errorf("$id = %v, want %s", got, schemaFileURL)
	}
	// Included fragment files are checked with the same schema, so the top
	// level must not require anything.
	if _, ok := doc["required"]; ok {
		t.Error("the top level has a required list; fragment files would fail")
	}
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// schemaNode is a subschema and its JSON pointer within the document.
type schemaNode struct {
	ptr string
	m   map[string]any
}

// allSubschemas returns every object in the document, in a stable order,
// together with whether it is a named entry (under properties or $defs).
func allSubschemas(doc map[string]any) (all []schemaNode, named []schemaNode) {
	var walk func(ptr string, v any, isNamed bool)
	walk = func(ptr string, v any, isNamed bool) {
		switch v := v.(type) {
		case map[string]any:
			n := schemaNode{ptr, v}
			all = append(all, n)
			if isNamed {
				named = append(named, n)
			}
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if k == "examples" || k == "default" || k == "enum" || k == "const" {
					continue // values, not schemas
				}
				child := ptr + "/" + escapePointer(k)
				if k == "properties" || k == "$defs" {
					entries, _ := v[k].(map[string]any)
					names := make([]string, 0, len(entries))
					for name := range entries {
						names = append(names, name)
					}
					sort.Strings(names)
					for _, name := range names {
						walk(child+"/"+escapePointer(name), entries[name], true)
					}
					continue
				}
				walk(child, v[k], false)
			}
		case []any:
			for i, e := range v {
				walk(ptr+"/"+itoa(i), e, false)
			}
		}
	}
	walk("", doc, false)
	return all, named
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestSchemaFileDocumentsEveryProperty(t *testing.T) {
	_, doc := readSchemaFile(t)
	all, named := allSubschemas(doc)
	if len(named) < 100 {
		t.Fatalf("found only %d named subschemas; the walk is broken", len(named))
	}
	for _, n := range append([]schemaNode{{"", doc}}, named...) {
		for _, key := range []string{"title", "description"} {
			if s, _ := n.m[key].(string); strings.TrimSpace(s) == "" {
				t.Errorf("#%s has no %s", n.ptr, key)
			}
		}
		if ex, _ := n.m["examples"].([]any); len(ex) == 0 {
			t.Errorf("#%s has no examples", n.ptr)
		}
	}
	// Error messages use a hint (hints.go) wherever a value has a form to
	// follow, and every hint belongs to such a value.
	formed := map[string]bool{}
	for _, n := range all {
		_, hasPattern := n.m["pattern"]
		_, hasFormat := n.m["format"]
		if hasPattern || hasFormat {
			formed[n.ptr] = true
			if strings.TrimSpace(hints[n.ptr]) == "" {
				t.Errorf("#%s has a pattern or format but no hint in hints.go", n.ptr)
			}
		}
		if ap, ok := n.m["additionalProperties"]; n.m["type"] == "object" && ok && ap != false {
			if _, isMap := n.m["propertyNames"]; !isMap {
				t.Errorf("#%s is a map without propertyNames", n.ptr)
			}
		}
		if _, ok := n.m["properties"]; ok && n.m["additionalProperties"] != false {
			t.Errorf("#%s has properties but does not set additionalProperties to false", n.ptr)
		}
		if _, ok := n.m["oneOf"]; ok {
			t.Errorf("#%s uses oneOf; its error messages are unhelpful", n.ptr)
		}
	}
	for ptr := range hints {
		if !formed[ptr] {
			t.Errorf("hints.go has a hint for #%s, which has no pattern or format", ptr)
		}
	}
}

// TestSchemaFileExamplesAreValid checks that every example in the schema is
// valid against the schema it illustrates, so editors never show a wrong one.
func TestSchemaFileExamplesAreValid(t *testing.T) {
	raw, doc := readSchemaFile(t)
	c := schemaCompiler(t, raw)
	all, _ := allSubschemas(doc)
	checked := 0
	for _, n := range all {
		examples, _ := n.m["examples"].([]any)
		if len(examples) == 0 {
			continue
		}
		sch, err := c.Compile(schemaFileURL + "#" + n.ptr)
		if err != nil {
			t.Errorf("compiling #%s: %v", n.ptr, err)
			continue
		}
		for i, ex := range examples {
			if err := sch.Validate(ex); err != nil {
				t.Errorf("example %d of #%s is not valid: %v", i, n.ptr, err)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("checked only %d examples", checked)
	}
}

// resolveRef follows a local "#/$defs/name" reference.
func resolveRef(t *testing.T, doc, s map[string]any, where string) map[string]any {
	t.Helper()
	for i := 0; i < 10; i++ {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		if !ok {
			t.Fatalf("%s: $ref %q is not a local #/$defs/ reference", where, ref)
		}
		defs, _ := doc["$defs"].(map[string]any)
		next, ok := defs[name].(map[string]any)
		if !ok {
			t.Fatalf("%s: $ref %q names no definition", where, ref)
		}
		s = next
	}
	t.Fatalf("%s: $ref chain too long", where)
	return nil
}

var jsonUnmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

// schemaType is the JSON Schema type a Go type is written as.
func schemaType(t reflect.Type) string {
	if reflect.PointerTo(t).Implements(jsonUnmarshaler) {
		return "string" // Date and Duration are written as strings
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Map, reflect.Struct:
		return "object"
	}
	return "unsupported " + t.Kind().String()
}

// jsonFields returns the json names of a struct's fields and their types,
// skipping fields tagged json:"-" and unexported ones.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		out[name] = f
	}
	return out
}

// TestSchemaFileMatchesModel walks strategy.Strategy and the schema side by
// side: every Go struct must have exactly the schema's property names, and
// every value the JSON type the schema declares. It fails when a field is
// added to the model and not to the schema, or the other way round.
func TestSchemaFileMatchesModel(t *testing.T) {
	_, doc := readSchemaFile(t)
	structs := 0
	var walk func(typ reflect.Type, s map[string]any, where string)
	walk = func(typ reflect.Type, s map[string]any, where string) {
		s = resolveRef(t, doc, s, where)
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		if alts, ok := s["anyOf"].([]any); ok {
			// A list that may also be written as its one item (a
			// channel's cadences): anyOf holds the item's schema, then
			// the list's.
			if typ.Kind() != reflect.Slice || len(alts) != 2 {
				t.Errorf("%s: anyOf is only for a list written as one item or as a list (Go type %s)", where, typ)
				return
			}
			one, _ := alts[0].(map[string]any)
			many, _ := alts[1].(map[string]any)
			walk(typ.Elem(), one, where+"(one)")
			walk(typ, many, where+"(list)")
			return
		}
		want := schemaType(typ)
		if got, _ := s["type"].(string); got != want {
			t.Errorf("%s: schema type is %q, Go type %s is written as %q", where, got, typ, want)
			return
		}
		if reflect.PointerTo(typ).Implements(jsonUnmarshaler) {
			return
		}
		switch typ.Kind() {
		case reflect.Slice, reflect.Array:
			items, ok := s["items"].(map[string]any)
			if !ok {
				t.Errorf("%s: array has no items schema", where)
				return
			}
			walk(typ.Elem(), items, where+"[]")
		case reflect.Map:
			if typ.Key().Kind() != reflect.String {
				t.Errorf("%s: map key type %s is not a string", where, typ.Key())
			}
			if _, ok := s["propertyNames"]; !ok {
				t.Errorf("%s: map has no propertyNames", where)
			}
			vals, ok := s["additionalProperties"].(map[string]any)
			if !ok {
				t.Errorf("%s: map has no value schema in additionalProperties", where)
				return
			}
			walk(typ.Elem(), vals, where+"{}")
		case reflect.Struct:
			structs++
			fields := jsonFields(typ)
			props, _ := s["properties"].(map[string]any)
			if s["additionalProperties"] != false {
				t.Errorf("%s (%s): additionalProperties is not false", where, typ.Name())
			}
			for name := range fields {
				if _, ok := props[name]; !ok {
					t.Errorf("%s (%s): field %q is missing from the schema", where, typ.Name(), name)
				}
			}
			for name := range props {
				if _, ok := fields[name]; !ok {
					t.Errorf("%s (%s): schema property %q is not in the Go model", where, typ.Name(), name)
				}
			}
			names := make([]string, 0, len(fields))
			for name := range fields {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				ps, ok := props[name].(map[string]any)
				if !ok {
					continue
				}
				walk(fields[name].Type, ps, strings.TrimPrefix(where+"."+name, "."))
			}
			// A required key in the schema must be one the model has.
			req, _ := s["required"].([]any)
			for _, r := range req {
				if _, ok := fields[r.(string)]; !ok {
					t.Errorf("%s (%s): required %q is not a field", where, typ.Name(), r)
				}
			}
		}
	}
	walk(reflect.TypeOf(strategy.Strategy{}), doc, "")
	if structs < 20 {
		t.Errorf("walked only %d structs; the walk is broken", structs)
	}
}

// TestSchemaFileInstances checks small strategies and fragments that the
// schema must accept or reject; for a rejection, at names the instance
// location one of the failures must point at.
func TestSchemaFileInstances(t *testing.T) {
	sch, _ := compileSchemaFile(t)
	cases := []struct {
		name string
		doc  string
		ok   bool
		at   string
	}{
		{"empty file body", `{}`, true, ""},
		{"minimal strategy", `{"version": 1, "brand": {"name": "Nordlys", "timezone": "Europe/Oslo"}}`, true, ""},
		{"fragment with only personas", `{"personas": [{"id": "anna", "name": "Anna, 41"}]}`, true, ""},
		{"fragment with only channels", `{"channels": [{"id": "ig", "platform": "instagram"}]}`, true, ""},
		{"version 2", `{"version": 2}`, false, "/version"},
		{"version as text", `{"version": "1"}`, false, "/version"},
		{"unknown top-level key", `{"pilars": []}`, false, ""},
		{"unknown nested key", `{"brand": {"name": "N", "timezone": "UTC", "colour": "blue"}}`, false, "/brand"},
		{"brand without timezone", `{"brand": {"name": "N"}}`, false, "/brand"},
		{"language en-GB", `{"brand": {"name": "N", "timezone": "UTC", "language": "en-GB"}}`, true, ""},
		{"language English", `{"brand": {"name": "N", "timezone": "UTC", "language": "English"}}`, false, "/brand/language"},
		{"website without scheme", `{"brand": {"name": "N", "timezone": "UTC", "website": "nordlys.example"}}`, false, "/brand/website"},

		{"weight as number", `{"pillars": [{"id": "brand", "name": "Brand", "weight": 40}]}`, true, ""},
		{"weight as word", `{"pillars": [{"id": "brand", "name": "Brand", "weight": "forty"}]}`, false, "/pillars/0/weight"},
		{"weight over 100", `{"pillars": [{"id": "brand", "name": "Brand", "weight": 140}]}`, false, "/pillars/0/weight"},
		{"pillar without weight", `{"pillars": [{"id": "brand", "name": "Brand"}]}`, false, "/pillars/0"},
		{"id with capitals", `{"pillars": [{"id": "Brand", "name": "Brand", "weight": 40}]}`, false, "/pillars/0/id"},
		{"pillar examples keyed by channel", `{"pillars": [{"id": "b", "name": "B", "weight": 1, "examples": {"instagram": "A *post*."}}]}`, true, ""},
		{"pillar examples bad key", `{"pillars": [{"id": "b", "name": "B", "weight": 1, "examples": {"Instagram": "x"}}]}`, false, "/pillars/0/examples/Instagram"},
		{"hashtag with space", `{"pillars": [{"id": "b", "name": "B", "weight": 1, "hashtags": ["#two words"]}]}`, false, "/pillars/0/hashtags/0"},

		{"cadence days and times", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": {"min_per_week": 3, "days": ["mon", "wed", "fri"], "times": ["09:30", "23:59"]}}]}`, true, ""},
		{"cadences as a list", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": [{"min_per_week": 5, "days": ["mon", "tue", "wed", "thu", "fri"], "times": ["08:00"]}, {"min_per_week": 2, "days": ["sat", "sun"], "times": ["11:00"], "start": "2027-03-06"}]}]}`, true, ""},
		{"cadences: an empty list", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": []}]}`, false, "/channels/0/cadence"},
		{"cadences: an item without minimum", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": [{"min_per_week": 1, "days": ["mon"], "times": ["09:00"]}, {"days": ["tue"], "times": ["09:00"]}]}]}`, false, "/channels/0/cadence/1"},
		{"cadence as text", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": "daily"}]}`, false, "/channels/0/cadence"},
		{"cadence rrule", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": {"min_per_week": 3, "rrule": "FREQ=WEEKLY;BYDAY=MO,WE,FR"}}]}`, true, ""},
		{"time 25:00", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": {"min_per_week": 1, "days": ["mon"], "times": ["25:00"]}}]}`, false, "/channels/0/cadence/times/0"},
		{"time without leading zero", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": {"min_per_week": 1, "days": ["mon"], "times": ["9:30"]}}]}`, false, "/channels/0/cadence/times/0"},
		{"weekday in full", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": {"min_per_week": 1, "days": ["monday"], "times": ["09:00"]}}]}`, false, "/channels/0/cadence/days/0"},
		{"min_per_week zero", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": {"min_per_week": 0, "rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9"}}]}`, true, ""},
		{"min_per_week negative", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": {"min_per_week": -1}}]}`, false, "/channels/0/cadence/min_per_week"},
		{"time with seconds", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": {"min_per_week": 1, "days": ["mon"], "times": ["09:30:00"]}}]}`, false, "/channels/0/cadence/times/0"},
		{"cadence start", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": {"min_per_week": 0, "rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;COUNT=6", "start": "2027-03-29"}}]}`, true, ""},
		{"cadence start not a date", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": {"min_per_week": 1, "days": ["mon"], "times": ["09:00"], "start": "29.03.2027"}}]}`, false, "/channels/0/cadence/start"},
		{"active period", `{"channels": [{"id": "ig", "platform": "instagram", "active": {"from": "2027-02-15", "to": "2027-12-31"}}]}`, true, ""},
		{"active from only", `{"channels": [{"id": "ig", "platform": "instagram", "active": {"from": "2027-02-15"}}]}`, true, ""},
		{"active unknown key", `{"channels": [{"id": "ig", "platform": "instagram", "active": {"since": "2027-02-15"}}]}`, false, "/channels/0/active"},
		{"min_per_week fraction", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": {"min_per_week": 2.5}}]}`, false, "/channels/0/cadence/min_per_week"},
		{"cadence without minimum", `{"channels": [{"id": "ig", "platform": "instagram", "cadence": {"days": ["mon"], "times": ["09:00"]}}]}`, false, "/channels/0/cadence"},
		{"unknown platform", `{"channels": [{"id": "tw", "platform": "twitter"}]}`, false, "/channels/0/platform"},
		{"channel without platform", `{"channels": [{"id": "ig"}]}`, false, "/channels/0"},
		{"sla 1d12h", `{"channels": [{"id": "ig", "platform": "instagram", "response_sla": "1d12h"}]}`, true, ""},
		{"sla 4 hours", `{"channels": [{"id": "ig", "platform": "instagram", "response_sla": "4 hours"}]}`, false, "/channels/0/response_sla"},
		{"sla in seconds", `{"channels": [{"id": "ig", "platform": "instagram", "response_sla": "30s"}]}`, false, "/channels/0/response_sla"},
		{"channel weights", `{"channels": [{"id": "ig", "platform": "instagram", "pillars": {"brand": 50, "gear": 50}}]}`, true, ""},
		{"channel weight negative", `{"channels": [{"id": "ig", "platform": "instagram", "pillars": {"brand": -5}}]}`, false, "/channels/0/pillars/brand"},

		{"one-off tactic", `{"tactics": [{"id": "launch", "name": "Launch", "goal": "awareness", "pillar": "brand", "channels": ["ig"], "schedule": {"date": "2027-05-17", "time": "10:00"}}]}`, true, ""},
		{"date 2027-02-30", `{"tactics": [{"id": "launch", "name": "Launch", "goal": "awareness", "pillar": "brand", "channels": ["ig"], "schedule": {"date": "2027-02-30", "time": "10:00"}}]}`, false, "/tactics/0/schedule/date"},
		{"date with slashes", `{"personas": [{"id": "anna", "name": "Anna", "last_reviewed": "15/01/2027"}]}`, false, "/personas/0/last_reviewed"},
		{"unknown goal", `{"tactics": [{"id": "t", "name": "T", "goal": "fame", "pillar": "brand", "channels": ["ig"], "schedule": {"date": "2027-05-17", "time": "10:00"}}]}`, false, "/tactics/0/goal"},
		{"tactic without channels", `{"tactics": [{"id": "t", "name": "T", "goal": "engagement", "pillar": "brand", "channels": [], "schedule": {"date": "2027-05-17", "time": "10:00"}}]}`, false, "/tactics/0/channels"},
		{"schedule without time", `{"tactics": [{"id": "t", "name": "T", "goal": "engagement", "pillar": "brand", "channels": ["ig"], "schedule": {"rrule": "FREQ=MONTHLY"}}]}`, false, "/tactics/0/schedule"},
		{"tactic kpi without target", `{"tactics": [{"id": "t", "name": "T", "goal": "engagement", "pillar": "brand", "channels": ["ig"], "schedule": {"date": "2027-05-17", "time": "10:00"}, "kpis": [{"metric": "entries"}]}]}`, false, "/tactics/0/kpis/0"},

		{"influencer", `{"influencers": [{"handle": "@anna.outside", "platform": "instagram", "status": "partner", "relationship": "paid", "followers": 48000, "contract": {"from": "2027-01-01", "to": "2027-06-30"}}]}`, true, ""},
		{"influencer handle with space", `{"influencers": [{"handle": "@anna outside", "platform": "instagram", "status": "partner"}]}`, false, "/influencers/0/handle"},
		{"influencer status unknown", `{"influencers": [{"handle": "anna", "platform": "instagram", "status": "friend"}]}`, false, "/influencers/0/status"},
		{"followers negative", `{"influencers": [{"handle": "anna", "platform": "instagram", "status": "prospect", "followers": -1}]}`, false, "/influencers/0/followers"},
		{"follows_us as yes string", `{"influencers": [{"handle": "anna", "platform": "instagram", "status": "prospect", "follows_us": "yes"}]}`, false, "/influencers/0/follows_us"},
		{"contract without end", `{"influencers": [{"handle": "anna", "platform": "instagram", "status": "partner", "contract": {"from": "2027-01-01"}}]}`, false, "/influencers/0/contract"},

		{"community", `{"community": {"default_sla": "1d", "business_hours": {"days": ["mon", "fri"], "start": "08:00", "end": "16:00"}, "responses": [{"type": "complaint", "sla": "1h", "move_to_private": true}]}}`, true, ""},
		{"business hours without end", `{"community": {"business_hours": {"days": ["mon"], "start": "08:00"}}}`, false, "/community/business_hours"},
		{"unknown mention type", `{"community": {"responses": [{"type": "praise"}]}}`, false, "/community/responses/0/type"},

		{"blackout day and range", `{"calendar": {"blackouts": [{"date": "2027-07-22"}, {"from": "2027-12-24", "to": "2027-12-26"}]}}`, true, ""},
		{"campaign without dates", `{"calendar": {"campaigns": [{"id": "spring", "name": "Spring"}]}}`, false, "/calendar/campaigns/0"},
		{"campaign extra cadence", `{"calendar": {"campaigns": [{"id": "spring", "name": "Spring", "from": "2027-03-01", "to": "2027-03-31", "extra": {"min_per_week": 2, "days": ["tue"], "times": ["12:00"]}}]}}`, true, ""},

		{"kpis", `{"kpis": {"engagement_rate": {"target": 3.5, "denominator": "reach", "aggregation": "mean_of_posts"}, "response_within_sla": {"target": 90}, "reach_per_week": {"target": 25000}}}`, true, ""},
		{"engagement rate over 100", `{"kpis": {"engagement_rate": {"target": 150, "denominator": "reach", "aggregation": "mean_of_posts"}}}`, false, "/kpis/engagement_rate/target"},
		{"unknown denominator", `{"kpis": {"engagement_rate": {"target": 3, "denominator": "views", "aggregation": "mean_of_posts"}}}`, false, "/kpis/engagement_rate/denominator"},
		{"unknown interaction", `{"kpis": {"engagement_rate": {"target": 3, "denominator": "reach", "aggregation": "ratio_of_sums", "interactions": ["likes", "hugs"]}}}`, false, "/kpis/engagement_rate/interactions/1"},
		{"percent target over 100", `{"kpis": {"cadence_adherence": {"target": 101}}}`, false, "/kpis/cadence_adherence/target"},
		{"growth and clicks", `{"kpis": {"follower_growth": {"target": -2.5}, "clicks_per_week": {"target": 200}}}`, true, ""},
		{"growth below -100", `{"kpis": {"follower_growth": {"target": -101}}}`, false, "/kpis/follower_growth/target"},
		{"clicks negative", `{"kpis": {"clicks_per_week": {"target": -1}}}`, false, "/kpis/clicks_per_week/target"},
		{"negative share", `{"kpis": {"negative_share": {"target": 15}}}`, true, ""},
		{"negative share over 100", `{"kpis": {"negative_share": {"target": 101}}}`, false, "/kpis/negative_share/target"},
		{"growth without target", `{"kpis": {"follower_growth": {}}}`, false, "/kpis/follower_growth"},

		{"competitor handles", `{"competitors": [{"name": "Fjellmann", "handles": {"instagram": "@fjellmann"}}]}`, true, ""},
		{"competitor without name", `{"competitors": [{"handles": {"instagram": "@fjellmann"}}]}`, false, "/competitors/0"},

		{"rules", `{"rules": {"channel-no-owner": "off", "persona-stale": "info"}}`, true, ""},
		{"rule severity unknown", `{"rules": {"channel-no-owner": "silent"}}`, false, "/rules/channel-no-owner"},
		{"include and extends", `{"extends": "../corporate", "include": ["personas/*.yaml"]}`, true, ""},
		{"include as a string", `{"include": "personas/*.yaml"}`, false, "/include"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dec := json.NewDecoder(strings.NewReader(tc.doc))
			dec.UseNumber()
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("bad test instance: %v", err)
			}
			err := sch.Validate(v)
			if tc.ok {
				if err != nil {
					t.Errorf("want valid, got %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("want a failure at %q, got none", tc.at)
			}
			var ve *jsonschema.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want a ValidationError, got %T: %v", err, err)
			}
			locs := leafLocations(ve, nil)
			for _, l := range locs {
				if l == tc.at {
					return
				}
			}
			t.Errorf("want a failure at %q, got failures at %q: %v", tc.at, locs, err)
		})
	}
}

// leafLocations lists the instance locations of the innermost failures.
func leafLocations(ve *jsonschema.ValidationError, out []string) []string {
	if len(ve.Causes) == 0 {
		return append(out, ve.InstanceLocation)
	}
	for _, c := range ve.Causes {
		out = leafLocations(c, out)
	}
	return out
}
