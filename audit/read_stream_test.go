package audit

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadersInPieces reads every case through readers that hand out one
// byte, or half of what is asked, at a time: rows that straddle refills must
// read exactly as they do from one piece.
func TestReadersInPieces(t *testing.T) {
	for _, tc := range readCases {
		t.Run(tc.name, func(t *testing.T) {
			want := runReadCase(t, tc)
			for name, wrap := range map[string]func(io.Reader) io.Reader{
				"one byte": iotest.OneByteReader, "half": iotest.HalfReader, "data with EOF": iotest.DataErrReader,
			} {
				got := runReadCaseWith(t, tc, wrap)
				if got != want {
					t.Errorf("read %s at a time:\n%s\nwant:\n%s", name, got, want)
				}
			}
		})
	}
}

func runReadCaseWith(t *testing.T, tc readCase, wrap func(io.Reader) io.Reader) string {
	t.Helper()
	old := readerFor
	readerFor = func(s string) io.Reader { return wrap(strings.NewReader(s)) }
	defer func() { readerFor = old }()
	return runReadCase(t, tc)
}

// pattern is an io.Reader that produces its parts on the fly: a part is
// some bytes, repeated n times. It lets tests read huge inputs without
// holding them.
type pattern struct {
	parts []part
	i     int
	off   int64 // offset within the current part's repetitions
}

type part struct {
	b []byte
	n int64
}

func (p *pattern) Read(buf []byte) (int, error) {
	w := 0
	for w < len(buf) && p.i < len(p.parts) {
		pt := p.parts[p.i]
		total := int64(len(pt.b)) * pt.n
		if p.off == total {
			p.i++
			p.off = 0
			continue
		}
		at := int(p.off % int64(len(pt.b)))
		n := copy(buf[w:], pt.b[at:])
		if rest := total - p.off; int64(n) > rest {
			n = int(rest)
		}
		w += n
		p.off += int64(n)
	}
	if w == 0 {
		return 0, io.EOF
	}
	return w, nil
}

func lit(s string) part                 { return part{[]byte(s), 1} }
func repeat(s string, n int64) part     { return part{[]byte(s), n} }
func patternOf(parts ...part) io.Reader { return &pattern{parts: parts} }

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHugeField reads rows with a 100 MB field, quoted (with line breaks
// in it) and unquoted: each is refused, the next row is read, lines are
// counted right, and memory stays bounded by the buffer.
func TestHugeField(t *testing.T) {
	const size = 100 << 20
	for _, tc := range []struct {
		name     string
		field    []part
		nextLine int64
	}{
		{"quoted", []part{lit(`"`), repeat("0123456789abcde\n", size/16), lit(`"`)}, 3 + size/16 + 1},
		{"unquoted", []part{repeat("0123456789abcdef", size/16)}, 4},
		{"quoted with doubled quotes", []part{lit(`"`), repeat(`say ""hi"", `, size/12), lit(`"`)}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := []part{lit("id,published_at,channel,text\np1,2027-01-04T09:00:00+01:00,instagram,short\np2,2027-01-04T10:00:00+01:00,instagram,")}
			parts = append(parts, tc.field...)
			parts = append(parts, lit("\np3,2027-01-04T11:00:00+01:00,instagram,after\n"))
			var ids []string
			var lines []int64
			var st ReadStats
			var err error
			alloc := allocated(func() {
				st, err = ReadPosts(patternOf(parts...), "posts.csv", ReadOptions{}, func(p *Post) error {
					ids = append(ids, string(p.ID))
					lines = append(lines, p.Line)
					return nil
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(ids, " ") != "p1 p3" || st.Rows != 3 || st.Rejected != 1 {
				t.Fatalf("read %v, stats %+v", ids, st)
			}
			if lines[1] != tc.nextLine {
				t.Errorf("p3 is on line %d, want %d", lines[1], tc.nextLine)
			}
			if st.Rejects[0].Line != 3 || !strings.Contains(st.Rejects[0].Reason, "longer than 1 MiB") {
				t.Errorf("reject %+v", st.Rejects[0])
			}
			if alloc > 8<<20 {
				t.Errorf("reading a 100 MB field allocated %d MB", alloc>>20)
			}
		})
	}
}

// TestHugeJSONLine is TestHugeField for JSON Lines.
func TestHugeJSONLine(t *testing.T) {
	r := patternOf(lit(`{"id":"p1","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram"}`+"\n"+`{"id":"p2","text":"`),
		repeat("0123456789abcdef", 100<<20/16),
		lit(`"}`+"\n"+`{"id":"p3","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram"}`+"\n"))
	var ids []string
	var st ReadStats
	var err error
	alloc := allocated(func() {
		st, err = ReadPosts(r, "posts.jsonl", ReadOptions{}, func(p *Post) error {
			ids = append(ids, string(p.ID)+"@"+string(rune('0'+p.Line)))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, " ") != "p1@1 p3@3" || st.Rejected != 1 || st.Rejects[0].Line != 2 {
		t.Fatalf("read %v, stats %+v", ids, st)
	}
	if alloc > 8<<20 {
		t.Errorf("reading a 100 MB line allocated %d MB", alloc>>20)
	}
}

// TestNoAllocationsPerRow checks that reading more rows does not allocate
// more: the readers reuse their buffers.
func TestNoAllocationsPerRow(t *testing.T) {
	small, large := postsCSV(1000), postsCSV(50_000)
	smallJ, largeJ := postsJSONL(1000), postsJSONL(50_000)
	smallM, largeM := mentionsCSV(1000), mentionsCSV(50_000)
	count := func(data []byte, read func(io.Reader) error) float64 {
		return testing.AllocsPerRun(3, func() {
			if err := read(bytes.NewReader(data)); err != nil {
				t.Fatal(err)
			}
		})
	}
	posts := func(name string) func(io.Reader) error {
		return func(r io.Reader) error {
			_, err := ReadPosts(r, name, ReadOptions{}, func(*Post) error { return nil })
			return err
		}
	}
	mentions := func(r io.Reader) error {
		_, err := ReadMentions(r, "mentions.csv", ReadOptions{}, func(*Mention) error { return nil })
		return err
	}
	for _, c := range []struct {
		name         string
		small, large []byte
		read         func(io.Reader) error
	}{
		{"posts csv", small, large, posts("posts.csv")},
		{"posts jsonl", smallJ, largeJ, posts("posts.jsonl")},
		{"mentions csv", smallM, largeM, mentions},
	} {
		a, b := count(c.small, c.read), count(c.large, c.read)
		if b > a+2 {
			t.Errorf("%s: %.0f allocations for 1,000 rows, %.0f for 50,000", c.name, a, b)
		}
	}
}

// TestStreamingMemory reads a few hundred megabytes of post history made
// on the fly and checks that memory stays flat.
func TestStreamingMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 300 MB")
	}
	block := postsCSV(10_000)
	head := bytes.IndexByte(block, '\n') + 1
	reps := int64(300<<20) / int64(len(block)-head)
	r := patternOf(part{block[:head], 1}, part{block[head:], reps})
	var n int64
	var peak uint64
	var ms runtime.MemStats
	var st ReadStats
	var err error
	alloc := allocated(func() {
		st, err = ReadPosts(r, "posts.csv", ReadOptions{Progress: func(int64) {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}}, func(*Post) error { n++; return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows != reps*10_000 || n != st.Rows || st.Rejected != 0 {
		t.Fatalf("rows %d, passed %d, rejected %d; want %d", st.Rows, n, st.Rejected, reps*10_000)
	}
	if alloc > 8<<20 {
		t.Errorf("reading %d MB allocated %d MB", st.Bytes>>20, alloc>>20)
	}
	t.Logf("%d rows, %d MB read, %d KB allocated, peak heap in use %d MB", st.Rows, st.Bytes>>20, alloc>>10, peak>>20)
}

func TestCallbackError(t *testing.T) {
	stop := errors.New("stop here")
	calls := 0
	data := string(postsCSV(10))
	st, err := ReadPosts(strings.NewReader(data), "posts.csv", ReadOptions{}, func(p *Post) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if err != stop || !errors.Is(err, stop) {
		t.Fatalf("err = %v, want the callback's error as it is", err)
	}
	if st.Rows != 3 {
		t.Errorf("rows %d, want 3", st.Rows)
	}
	_, err = ReadMentions(strings.NewReader(string(mentionsCSV(10))), "mentions.csv", ReadOptions{}, func(*Mention) error {
		return stop
	})
	if err != stop {
		t.Errorf("mentions: err = %v", err)
	}
}

func TestReadError(t *testing.T) {
	broken := errors.New("disk on fire")
	for _, name := range []string{"posts.csv", "posts.jsonl"} {
		data := postsCSV(100)
		if strings.HasSuffix(name, ".jsonl") {
			data = postsJSONL(100)
		}
		r := io.MultiReader(bytes.NewReader(data[:len(data)/2]), iotest.ErrReader(broken))
		n := 0
		st, err := ReadPosts(r, name, ReadOptions{}, func(*Post) error { n++; return nil })
		var fe *FileError
		if !errors.As(err, &fe) || !errors.Is(err, broken) {
			t.Fatalf("%s: err = %v, want a FileError wrapping the read error", name, err)
		}
		if !strings.HasPrefix(err.Error(), name+": cannot read: disk on fire") {
			t.Errorf("%s: %v", name, err)
		}
		if n == 0 || st.Rows != int64(n) {
			t.Errorf("%s: %d rows passed, stats say %d", name, n, st.Rows)
		}
	}
	// An error before anything is read.
	_, err := ReadPosts(iotest.ErrReader(broken), "posts.csv", ReadOptions{}, nil)
	if !errors.Is(err, broken) {
		t.Errorf("err = %v", err)
	}
}

func TestProgress(t *testing.T) {
	data := postsCSV(100_000) // about 15 MB
	var got []int64
	st, err := ReadPosts(bytes.NewReader(data), "posts.csv", ReadOptions{Progress: func(n int64) { got = append(got, n) }}, func(*Post) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 3 || got[len(got)-1] != int64(len(data)) || st.Bytes != int64(len(data)) {
		t.Fatalf("progress %v for %d bytes", got, len(data))
	}
	for i := 1; i < len(got); i++ {
		if got[i] < got[i-1] {
			t.Fatalf("progress went back: %v", got)
		}
	}
}

func TestFormatOption(t *testing.T) {
	jsonl := `{"id":"p1","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram"}` + "\n"
	csv := "id,published_at,channel\np1,2027-01-04T09:00:00+01:00,instagram\n"
	tsv := "id\tpublished_at\tchannel\np1\t2027-01-04T09:00:00+01:00\tinstagram\n"
	for _, c := range []struct {
		name, file, format, data string
		ok                       bool
	}{
		{"jsonl by extension", "posts.ndjson", "", jsonl, true},
		{"csv by extension wins over content", "posts.csv", "", jsonl, false},
		{"jsonl by content", "export", "", jsonl, true},
		{"csv by content", "export.json", "", csv, true},
		{"explicit jsonl", "posts.csv", "jsonl", jsonl, true},
		{"explicit ndjson", "posts.csv", "ndjson", jsonl, true},
		{"explicit tsv", "posts.txt", "tsv", tsv, true},
		{"explicit csv", "posts.jsonl", "csv", csv, true},
		{"unknown", "posts.csv", "xlsx", csv, false},
		{"tab by format with a comma file", "posts.txt", "tsv", csv, false},
	} {
		n := 0
		_, err := ReadPosts(strings.NewReader(c.data), c.file, ReadOptions{Format: c.format}, func(*Post) error { n++; return nil })
		if ok := err == nil && n == 1; ok != c.ok {
			t.Errorf("%s: read %d posts, err %v", c.name, n, err)
		}
	}
}

func TestStatsReconcile(t *testing.T) {
	for _, tc := range readCases {
		opt := ReadOptions{Mapping: tc.mapping}
		if tc.preset != "" || tc.mapFlag != "" {
			continue // covered by TestReaders
		}
		opt.Encoding, opt.MaxRowBytes, opt.Delimiter = tc.opt.Encoding, tc.opt.MaxRowBytes, tc.opt.Delimiter
		var passed int64
		var st ReadStats
		if tc.mentions {
			st, _ = ReadMentions(strings.NewReader(tc.data), tc.file, opt, func(*Mention) error { passed++; return nil })
		} else {
			st, _ = ReadPosts(strings.NewReader(tc.data), tc.file, opt, func(*Post) error { passed++; return nil })
		}
		if st.Rows != passed+st.Rejected {
			t.Errorf("%s: rows %d != passed %d + rejected %d", tc.name, st.Rows, passed, st.Rejected)
		}
		if want := min(st.Rejected, MaxRejectsListed); int64(len(st.Rejects)) != want {
			t.Errorf("%s: %d rejects listed of %d", tc.name, len(st.Rejects), st.Rejected)
		}
	}
}

func TestBadDelimiter(t *testing.T) {
	for _, d := range []byte{'"', '\n', '\r', 0xE9} {
		_, err := ReadPosts(strings.NewReader("id,published_at,channel\n"), "posts.csv", ReadOptions{Delimiter: d}, nil)
		if err == nil || !strings.Contains(err.Error(), "cannot separate columns") {
			t.Errorf("%q: %v", d, err)
		}
	}
}
