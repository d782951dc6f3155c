package strategy

import (
	"reflect"
	"strings"
	"sync"
)

// decodeValue fills dst from a plain value tree (maps, slices, strings,
// int64, float64, bool, nil) by json field tags. It replaces a JSON
// round trip, which cost a sixth of a validation. Like encoding/json it is
// best-effort: a value of the wrong type leaves the field at its zero value,
// since the schema reports such values with their positions.
func decodeValue(dst reflect.Value, v any) {
	if v == nil {
		return
	}
	// Compared by type: dst.Interface() would copy every struct it meets.
	switch dst.Type() {
	case dateType:
		if s, ok := v.(string); ok {
			if d, err := ParseDate(s); err == nil {
				dst.Set(reflect.ValueOf(d))
			}
		}
		return
	case durationType:
		if s, ok := v.(string); ok {
			if d, err := ParseDuration(s); err == nil {
				dst.Set(reflect.ValueOf(d))
			}
		}
		return
	case cadencesType:
		// One cadence is written as a mapping, several as a list.
		if m, ok := v.(map[string]any); ok {
			v = []any{m}
		}
	}
	switch dst.Kind() {
	case reflect.Pointer:
		if _, ok := v.(map[string]any); !ok && dst.Type().Elem().Kind() == reflect.Struct {
			return
		}
		p := reflect.New(dst.Type().Elem())
		decodeValue(p.Elem(), v)
		dst.Set(p)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		fields := fieldsOf(dst.Type())
		for k, x := range m {
			if i, ok := fields[k]; ok {
				decodeValue(dst.Field(i), x)
			}
		}
	case reflect.Slice:
		s, ok := v.([]any)
		if !ok {
			return
		}
		out := reflect.MakeSlice(dst.Type(), len(s), len(s))
		for i, x := range s {
			decodeValue(out.Index(i), x)
		}
		dst.Set(out)
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok || dst.Type().Key().Kind() != reflect.String {
			return
		}
		out := reflect.MakeMapWithSize(dst.Type(), len(m))
		for k, x := range m {
			e := reflect.New(dst.Type().Elem()).Elem()
			decodeValue(e, x)
			out.SetMapIndex(reflect.ValueOf(k).Convert(dst.Type().Key()), e)
		}
		dst.Set(out)
	case reflect.String:
		if s, ok := v.(string); ok {
			dst.SetString(s)
		}
	case reflect.Bool:
		if b, ok := v.(bool); ok {
			dst.SetBool(b)
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		switch n := v.(type) {
		case int64:
			if !dst.OverflowInt(n) {
				dst.SetInt(n)
			}
		case float64:
			if n == float64(int64(n)) && !dst.OverflowInt(int64(n)) {
				dst.SetInt(int64(n))
			}
		}
	case reflect.Float64:
		switch n := v.(type) {
		case int64:
			dst.SetFloat(float64(n))
		case float64:
			dst.SetFloat(n)
		}
	}
}

var (
	dateType     = reflect.TypeFor[Date]()
	durationType = reflect.TypeFor[Duration]()
	cadencesType = reflect.TypeFor[Cadences]()
)

var fieldCache sync.Map // reflect.Type → map[string]int

// fieldsOf maps a struct type's json names to field indexes.
func fieldsOf(t reflect.Type) map[string]int {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string]int)
	}
	f := make(map[string]int, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" && t.Field(i).IsExported() {
			f[name] = i
		}
	}
	fieldCache.Store(t, f)
	return f
}
