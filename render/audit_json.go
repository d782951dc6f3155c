package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/pillar-strategy/pillar/audit"
)

// writeAuditJSON writes the report as one JSON document indented by two
// spaces and ending in a newline: the audit.Report as its field tags name
// it, the contract dashboards read (documented on the type). Keys are
// always present except mentions and responses, which are left out
// without a mention log, and a recommendation's hours, left out when it
// has none. A list is [] rather than null when empty, whether the report
// holds an empty list or none. Absent numbers (a rate with nothing to
// measure) are null, never 0. A number that is not finite is an error
// rather than a document a dashboard cannot read.
func writeAuditJSON(buf *bytes.Buffer, r *audit.Report) error {
	norm := normalised(reflect.ValueOf(r).Elem(), false).Interface().(audit.Report)
	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&norm); err != nil {
		return fmt.Errorf("render: audit json: %w", err)
	}
	return nil
}

// normalised returns a copy of v in which every nil slice is an empty one,
// except in a field tagged omitempty (empty is nil there, as a decoder
// reads it back). The caller's report is not changed: structs are copied,
// and pointers to structs point at copies.
func normalised(v reflect.Value, omitempty bool) reflect.Value {
	switch v.Kind() {
	case reflect.Slice:
		if v.Len() == 0 {
			if omitempty {
				return reflect.Zero(v.Type())
			}
			return reflect.MakeSlice(v.Type(), 0, 0)
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(normalised(v.Index(i), false))
		}
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			out.Field(i).Set(normalised(v.Field(i), strings.Contains(f.Tag.Get("json"), ",omitempty")))
		}
		return out
	case reflect.Pointer:
		if v.IsNil() || v.Elem().Kind() != reflect.Struct {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(normalised(v.Elem(), false))
		return p
	}
	return v
}
