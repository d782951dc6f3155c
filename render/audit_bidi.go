package render

import (
	"reflect"

	"github.com/pillar-strategy/pillar/audit"
)

// isolatedReport returns a copy of r whose every string that needs it
// (right-to-left letters or a bidirectional control, see needsIsolation)
// is isolated between FSI and PDI, for the Markdown and HTML reports: the
// names in a report come from the strategy and from the history files,
// and a pillar named with a stray U+202E must not reorder the report's
// own words around it. Other strings are kept as they are, so a report
// without such text is written byte for byte as before, and lookups by
// id still meet, since the same id is isolated the same way wherever it
// appears. r itself is left alone (build writes its JSON too).
func isolatedReport(r *audit.Report) *audit.Report {
	if !reportNeedsIsolation(reflect.ValueOf(r)) {
		return r
	}
	return isolatedCopy(reflect.ValueOf(r)).Interface().(*audit.Report)
}

// reportNeedsIsolation reports whether any string reachable from v needs
// isolation, so that the common report is not copied at all.
func reportNeedsIsolation(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return needsIsolation(v.String())
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && reportNeedsIsolation(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && reportNeedsIsolation(v.Field(i)) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if reportNeedsIsolation(v.Index(i)) {
				return true
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if reportNeedsIsolation(it.Key()) || reportNeedsIsolation(it.Value()) {
				return true
			}
		}
	}
	return false
}

// isolatedCopy copies v deeply, isolating its strings. Unexported fields
// are copied as they are.
func isolatedCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); needsIsolation(s) {
			return reflect.ValueOf(isolate(s)).Convert(v.Type())
		}
		return v
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		n := reflect.New(v.Type().Elem())
		n.Elem().Set(isolatedCopy(v.Elem()))
		return n
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		n := reflect.New(v.Type()).Elem()
		n.Set(isolatedCopy(v.Elem()))
		return n
	case reflect.Struct:
		n := reflect.New(v.Type()).Elem()
		n.Set(v)
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				n.Field(i).Set(isolatedCopy(v.Field(i)))
			}
		}
		return n
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		n := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			n.Index(i).Set(isolatedCopy(v.Index(i)))
		}
		return n
	case reflect.Array:
		n := reflect.New(v.Type()).Elem()
		for i := range v.Len() {
			n.Index(i).Set(isolatedCopy(v.Index(i)))
		}
		return n
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		n := reflect.MakeMapWithSize(v.Type(), v.Len())
		it := v.MapRange()
		for it.Next() {
			n.SetMapIndex(isolatedCopy(it.Key()), isolatedCopy(it.Value()))
		}
		return n
	}
	return v
}
