package schema

import (
	"sort"
	"testing"
)

// draft2020Keywords are the keywords of JSON Schema draft 2020-12's
// vocabularies: core, applicator, unevaluated, validation, meta-data,
// format-annotation and content
// (https://json-schema.org/draft/2020-12/json-schema-core and
// https://json-schema.org/draft/2020-12/json-schema-validation).
var draft2020Keywords = map[string]bool{
	"$schema": true, "$id": true, "$ref": true, "$anchor": true, "$dynamicRef": true,
	"$dynamicAnchor": true, "$vocabulary": true, "$comment": true, "$defs": true,
	"prefixItems": true, "items": true, "contains": true, "additionalProperties": true,
	"properties": true, "patternProperties": true, "dependentSchemas": true,
	"propertyNames": true, "if": true, "then": true, "else": true, "allOf": true,
	"anyOf": true, "oneOf": true, "not": true,
	"unevaluatedItems": true, "unevaluatedProperties": true,
	"type": true, "const": true, "enum": true, "multipleOf": true, "maximum": true,
	"exclusiveMaximum": true, "minimum": true, "exclusiveMinimum": true,
	"maxLength": true, "minLength": true, "pattern": true, "maxItems": true,
	"minItems": true, "uniqueItems": true, "maxContains": true, "minContains": true,
	"maxProperties": true, "minProperties": true, "required": true,
	"dependentRequired": true,
	"title":             true, "description": true, "default": true, "deprecated": true,
	"readOnly": true, "writeOnly": true, "examples": true,
	"format":          true,
	"contentEncoding": true, "contentMediaType": true, "contentSchema": true,
}

// TestSchemaFileUsesOnlyStandardKeywords keeps the exported schema
// compilable by validators in strict mode: ajv's refuses any keyword it does
// not know, x- prefixed ones included, so editors and SchemaStore would
// reject the whole schema over one. .ci/schema-strict compiles it with
// ajv itself.
func TestSchemaFileUsesOnlyStandardKeywords(t *testing.T) {
	_, doc := readSchemaFile(t)
	seen := 0
	var walk func(ptr string, v any)
	walk = func(ptr string, v any) {
		s, ok := v.(map[string]any)
		if !ok {
			if _, isBool := v.(bool); !isBool {
				t.Errorf("#%s is not a schema (an object or true/false)", ptr)
			}
			return
		}
		seen++
		keys := make([]string, 0, len(s))
		for k := range s {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			child := ptr + "/" + escapePointer(k)
			if !draft2020Keywords[k] {
				t.Errorf("#%s: %q is not a JSON Schema draft 2020-12 keyword; strict validators refuse the schema", ptr, k)
				continue
			}
			switch k {
			case "properties", "patternProperties", "$defs", "dependentSchemas":
				m, _ := s[k].(map[string]any)
				names := make([]string, 0, len(m))
				for name := range m {
					names = append(names, name)
				}
				sort.Strings(names)
				for _, name := range names {
					walk(child+"/"+escapePointer(name), m[name])
				}
			case "items", "contains", "additionalProperties", "propertyNames", "if", "then",
				"else", "not", "unevaluatedItems", "unevaluatedProperties", "contentSchema":
				walk(child, s[k])
			case "prefixItems", "allOf", "anyOf", "oneOf":
				list, _ := s[k].([]any)
				for i, e := range list {
					walk(child+"/"+itoa(i), e)
				}
			}
		}
	}
	walk("", doc)
	if seen < 100 {
		t.Fatalf("walked only %d subschemas; the walk is broken", seen)
	}
}
