package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// The fuzz targets check what must hold for any input: no panic; rows
// read = rows passed + rows rejected; every record passed has its required
// values; line numbers rise; and reading the input a byte at a time gives
// the same result as reading it whole.

func fuzzSeeds(f *testing.F) {
	for _, tc := range readCases {
		f.Add([]byte(tc.data))
	}
}

// fuzzOptions are the options each input is read with: the defaults, and
// limits small enough for fuzzed inputs to cross them.
var fuzzOptions = []ReadOptions{{}, {MaxRowBytes: 48, MaxColumns: 6}, {Encoding: "latin1", Delimiter: ';'}}

// fuzzResult is what a read gave, for comparing two reads.
type fuzzResult struct {
	out   strings.Builder
	stats ReadStats
	err   error
}

func checkStats(t *testing.T, st ReadStats, passed int64, lines []int64) {
	t.Helper()
	if st.Rows != passed+st.Rejected {
		t.Fatalf("rows %d != passed %d + rejected %d", st.Rows, passed, st.Rejected)
	}
	if int64(len(st.Rejects)) != min(st.Rejected, MaxRejectsListed) {
		t.Fatalf("%d rejects listed of %d", len(st.Rejects), st.Rejected)
	}
	for i := 1; i < len(lines); i++ {
		if lines[i] <= lines[i-1] {
			t.Fatalf("lines do not rise: %v", lines)
		}
	}
	for i, r := range st.Rejects {
		if r.Line < 1 || (i > 0 && r.Line <= st.Rejects[i-1].Line) || r.Reason == "" {
			t.Fatalf("rejects %+v", st.Rejects)
		}
	}
}

// fuzzPosts reads post history from src and checks each post and the
// stats; check, if set, checks each post further.
func fuzzPosts(t *testing.T, src io.Reader, name string, opt ReadOptions, check func(*Post)) *fuzzResult {
	r := &fuzzResult{}
	var lines []int64
	var passed int64
	r.stats, r.err = ReadPosts(src, name, opt, func(p *Post) error {
		passed++
		lines = append(lines, p.Line)
		if len(p.ID) == 0 || len(p.Channel) == 0 || p.PublishedAt.IsZero() {
			t.Fatalf("line %d passed without id, channel or time: %+v", p.Line, p)
		}
		for m := Metric(0); m < NumMetrics; m++ {
			if p.Metrics[m] < 0 || (!p.HasMetric(m) && p.Metrics[m] != 0) {
				t.Fatalf("line %d: metric %s = %d", p.Line, m, p.Metrics[m])
			}
		}
		if check != nil {
			check(p)
		}
		fmt.Fprintf(&r.out, "%d %v %q %q %q %q %q %q %v\n", p.Line, p.PublishedAt, p.ID, p.Channel, p.Pillar, p.Tactic, p.Text, p.Mentions, p.Metrics)
		return nil
	})
	checkStats(t, r.stats, passed, lines)
	var fe *FileError
	if r.err != nil && !errors.As(r.err, &fe) {
		t.Fatalf("an error that is not a FileError: %v", r.err)
	}
	return r
}

func sameResult(t *testing.T, a, b *fuzzResult) {
	t.Helper()
	if a.out.String() != b.out.String() || a.stats.Rows != b.stats.Rows || a.stats.Rejected != b.stats.Rejected ||
		(a.err == nil) != (b.err == nil) || (a.err != nil && a.err.Error() != b.err.Error()) {
		t.Fatalf("reading in pieces differs:\n%q %+v %v\n%q %+v %v", a.out.String(), a.stats, a.err, b.out.String(), b.stats, b.err)
	}
	for i := range a.stats.Rejects {
		if a.stats.Rejects[i] != b.stats.Rejects[i] {
			t.Fatalf("rejects differ: %+v, %+v", a.stats.Rejects, b.stats.Rejects)
		}
	}
}

func FuzzReadPostsCSV(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opt := range fuzzOptions {
			whole := fuzzPosts(t, bytes.NewReader(data), "posts.csv", opt, nil)
			oneByte := fuzzPosts(t, iotest.OneByteReader(bytes.NewReader(data)), "posts.csv", opt, nil)
			sameResult(t, whole, oneByte)
		}
	})
}

func FuzzReadMentionsCSV(f *testing.F) {
	fuzzSeeds(f)
	f.Add([]byte("id,channel,received_at,responded_at\nm1,ig,2027-01-04T09:00:00Z,2027-01-04T08:00:00Z\n"))
	f.Add([]byte("id,channel,received_at,sentiment,author,author_followers\nm1,ig,2027-01-04T09:00:00Z,NEG,@Ann,12\nm2,ig,2027-01-04T09:00:00Z,,ann,-3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opt := range fuzzOptions {
			var results [2]fuzzResult
			for i, src := range []*bytes.Reader{bytes.NewReader(data), bytes.NewReader(data)} {
				var lines []int64
				var passed int64
				rd := src
				read := ReadMentions
				r := &results[i]
				fn := func(m *Mention) error {
					passed++
					lines = append(lines, m.Line)
					if len(m.ID) == 0 || len(m.Channel) == 0 || m.ReceivedAt.IsZero() {
						t.Fatalf("line %d passed without id, channel or time: %+v", m.Line, m)
					}
					if !m.RespondedAt.IsZero() && m.RespondedAt.Before(m.ReceivedAt) {
						t.Fatalf("line %d: answered before received", m.Line)
					}
					r.out.WriteString(m.ReceivedAt.String() + m.RespondedAt.String())
					for _, b := range [][]byte{m.ID, m.Channel, m.Type, m.Sentiment} {
						r.out.WriteByte(0)
						r.out.Write(b)
					}
					r.out.WriteByte('\n')
					return nil
				}
				if i == 1 {
					r.stats, r.err = read(iotest.OneByteReader(rd), "mentions.csv", opt, fn)
				} else {
					r.stats, r.err = read(rd, "mentions.csv", opt, fn)
				}
				checkStats(t, r.stats, passed, lines)
			}
			sameResult(t, &results[0], &results[1])
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	fuzzSeeds(f)
	f.Add([]byte(`{"id":"p1","published_at":"2027-01-04T09:00:00Z","channel":"x","mentions":["@a","\u0040b"],"likes":"1","x":[{"y":null},-1.5e3]}`))
	f.Add([]byte(`{"":` + strings.Repeat("[", 70)))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Split(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}), []byte("\n"))
		// encoding/json must agree: a record passed is valid JSON.
		valid := func(p *Post) {
			if p.Line < 1 || int(p.Line) > len(lines) || !json.Valid(lines[p.Line-1]) {
				t.Fatalf("line %d passed but is not valid JSON", p.Line)
			}
		}
		for _, opt := range fuzzOptions[:2] {
			whole := fuzzPosts(t, bytes.NewReader(data), "posts.jsonl", opt, valid)
			oneByte := fuzzPosts(t, iotest.OneByteReader(bytes.NewReader(data)), "posts.jsonl", opt, valid)
			sameResult(t, whole, oneByte)
			// And a line called invalid JSON is, and an invalid line is
			// called invalid JSON, not an object, or nested too deeply
			// (the reader stops looking at that depth).
			for _, r := range whole.stats.Rejects {
				if int(r.Line) > len(lines) {
					t.Fatalf("reject on line %d of %d", r.Line, len(lines))
				}
				if r.Reason == "the row is longer than 48 bytes; skipped (a quote that is never closed?)" {
					continue
				}
				ok := json.Valid(lines[r.Line-1])
				syntax := strings.HasPrefix(r.Reason, "the line is not valid JSON")
				notObject := strings.HasPrefix(r.Reason, "the line is not a JSON object")
				deep := strings.HasPrefix(r.Reason, "the line nests values")
				if syntax && ok || !ok && !syntax && !notObject && !deep {
					t.Fatalf("line %d %q: json.Valid %v, reason %q", r.Line, lines[r.Line-1], ok, r.Reason)
				}
			}
		}
	})
}
