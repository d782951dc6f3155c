package audit

import (
	"regexp"
	"testing"
	"time"
)

func TestParseRFC3339(t *testing.T) {
	for _, s := range []string{
		"2027-01-04T09:00:00+01:00",
		"2027-01-04T09:00:00Z",
		"2027-01-04T09:00:00.5Z",
		"2027-01-04T09:00:00,5Z",
		"2027-01-04T09:00:00.123456789-05:30",
		"2027-01-04T09:00:00.1234567891234+00:00",
		"2027-01-04T09:00:00-00:00",
		"2024-02-29T23:59:59+14:00",
		"2000-02-29T00:00:00-12:00",
		"1970-01-01T00:00:00Z",
		"9999-12-31T23:59:59.999999999Z",
	} {
		var want time.Time
		if err := want.UnmarshalText([]byte(s)); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		tr := timeReader{}
		got, prob := tr.parse([]byte(s))
		if prob != timeOK || !got.Equal(want) {
			t.Errorf("%s: got %v (%d), want %v", s, got, prob, want)
		}
		_, gotOff := got.Zone()
		_, wantOff := want.Zone()
		if gotOff != wantOff {
			t.Errorf("%s: offset %d, want %d", s, gotOff, wantOff)
		}
	}
}

func TestParseRFC3339Lenient(t *testing.T) {
	want := time.Date(2027, 1, 4, 8, 0, 0, 0, time.UTC)
	for _, s := range []string{
		"2027-01-04 09:00:00+01:00",
		"2027-01-04t09:00:00+01:00",
		"2027-01-04T08:00:00z",
		"2027-01-04T09:00+01:00",
		"2027-01-04T09:00:00+0100",
		"2027-01-04T09:00:00+01",
		" 2027-01-04T09:00:00+01:00 ",
	} {
		tr := timeReader{}
		got, prob := tr.parse([]byte(s))
		if prob != timeOK || !got.Equal(want) {
			t.Errorf("%q: got %v (%d)", s, got, prob)
		}
	}
}

func TestParseRFC3339Bad(t *testing.T) {
	for s, want := range map[string]timeProblem{
		"2027-01-04T09:00:00":        timeNoOffset,
		"2027-01-04T09:00":           timeNoOffset,
		"2027-01-04":                 timeBad,
		"2027-13-04T09:00:00Z":       timeBad,
		"2027-00-04T09:00:00Z":       timeBad,
		"2027-02-29T09:00:00Z":       timeBad,
		"2027-04-31T09:00:00Z":       timeBad,
		"2027-01-04T24:00:00Z":       timeBad,
		"2027-01-04T09:60:00Z":       timeBad,
		"2027-01-04T09:00:60Z":       timeBad,
		"2027-01-04T09:00:00.Z":      timeBad,
		"2027-01-04T09:00:00+24:00":  timeBad,
		"2027-01-04T09:00:00+01:60":  timeBad,
		"2027-01-04T09:00:00+1:00":   timeBad,
		"2027-01-04T09:00:00Z ok":    timeBad,
		"2027-01-04T09:00:00ZZ":      timeBad,
		"2027/01/04T09:00:00Z":       timeBad,
		"27-01-04T09:00:00Z":         timeBad,
		"2027-01-04T09:0a:00Z":       timeBad,
		"2027-01-04X09:00:00Z":       timeBad,
		"0001-01-01T00:00:00Z":       timeTooEarly,
		"1969-12-31T23:59:59Z":       timeTooEarly,
		"2027-01-04T09:00:00+01:00x": timeBad,
		"":                           timeBad,
	} {
		tr := timeReader{}
		if _, got := tr.parse([]byte(s)); got != want {
			t.Errorf("%q: problem %d, want %d", s, got, want)
		}
	}
}

func TestTimeReaderZone(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Skip(err)
	}
	tr := timeReader{loc: oslo}
	for in, want := range map[string]string{
		"2027-01-04T09:00:00":       "2027-01-04T08:00:00Z",
		"2027-03-28T02:30:00":       "2027-03-28T01:30:00Z", // skipped: moves forward
		"2027-10-31T02:30:00":       "2027-10-31T00:30:00Z", // repeated: the first
		"2027-07-01T12:00:00.25":    "2027-07-01T10:00:00.25Z",
		"2027-01-04T09:00:00+05:00": "2027-01-04T04:00:00Z", // an offset wins
	} {
		got, prob := tr.parse([]byte(in))
		if prob != timeOK || got.UTC().Format(time.RFC3339Nano) != want {
			t.Errorf("%s: %v (%d), want %s", in, got.UTC(), prob, want)
		}
	}
	lay := timeReader{layout: "1/2/2006 3:04 pm", layoutPM: true, loc: oslo}
	for in, want := range map[string]string{
		"1/4/2027 9:05 am":    "2027-01-04T08:05:00Z",
		"01/04/2027 09:05 PM": "2027-01-04T20:05:00Z",
		"1/4/2027 12:00 Pm":   "2027-01-04T11:00:00Z",
		"1/4/2027 12:00 xm":   "",
	} {
		got, prob := lay.parse([]byte(in))
		if want == "" {
			if prob != timeBad {
				t.Errorf("%s: read as %v", in, got)
			}
			continue
		}
		if prob != timeOK || got.UTC().Format(time.RFC3339) != want {
			t.Errorf("%s: %v (%d), want %s", in, got.UTC(), prob, want)
		}
	}
}

// strictRFC3339 is the shape of an RFC 3339 timestamp.
var strictRFC3339 = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$`)

// FuzzParseRFC3339 checks the hand-written parser against Go's strict one
// (time.Time.UnmarshalText): on timestamps of RFC 3339's shape it reads
// what Go reads, to the same instant and offset, and refuses what Go
// refuses. Off that shape both are lenient in their own ways: Go reads
// T9:00:00 and offsets such as +24:00 or +00:60, which RFC 3339 does not
// allow; the parser reads a lower-case t or a missing seconds field, which
// do no harm.
func FuzzParseRFC3339(f *testing.F) {
	for _, s := range []string{"2027-01-04T09:00:00+01:00", "2027-01-04T09:00:00.123Z", "2024-02-29T00:00:00-00:30", "1970-01-01T00:00:00Z", "2027-02-29T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, ok := parseRFC3339([]byte(s))
		if !strictRFC3339.MatchString(s) {
			return
		}
		var want time.Time
		if err := want.UnmarshalText([]byte(s)); err != nil {
			if ok {
				t.Fatalf("%q: read as %+v, Go refuses it: %v", s, w, err)
			}
			return
		}
		if !ok || !w.hasOffset {
			t.Fatalf("%q: Go reads %v, parseRFC3339 does not", s, want)
		}
		got := time.Unix(w.unix(), int64(w.nsec)).In(zoneFor(w.offset))
		_, gotOff := got.Zone()
		_, wantOff := want.Zone()
		if !got.Equal(want) || gotOff != wantOff {
			t.Fatalf("%q: got %v, Go %v", s, got, want)
		}
	})
}

func BenchmarkParseRFC3339(b *testing.B) {
	v := []byte("2027-01-04T09:00:00+01:00")
	tr := timeReader{}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, p := tr.parse(v); p != timeOK {
			b.Fatal(p)
		}
	}
}
