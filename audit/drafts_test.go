package audit

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// readDraftsText reads a drafts file and writes what came out, one line a
// row, so a case states the whole result.
func readDraftsText(t *testing.T, name, data string, opt ReadOptions) string {
	t.Helper()
	var b strings.Builder
	st, err := ReadDrafts(strings.NewReader(data), name, opt, func(d *DraftRow) error {
		fmt.Fprintf(&b, "%d id=%q ch=%s at=%s local=%v text=%q", d.Line, d.ID, d.Channel, d.ScheduledAt.Format("2006-01-02T15:04Z07:00"), d.Local, d.Text)
		for _, f := range []struct {
			n string
			v []byte
		}{{"pillar", d.Pillar}, {"link", d.Link}, {"media", d.Media}, {"alt", d.Alt}, {"status", d.Status}, {"partners", d.Partners}} {
			if len(f.v) > 0 {
				fmt.Fprintf(&b, " %s=%q", f.n, f.v)
			}
		}
		b.WriteString(" cells=")
		for c, cell := range d.Cells {
			if cell.Line > 0 {
				fmt.Fprintf(&b, "%s@%d:%d ", draftColumns[c], cell.Line, cell.Column)
			}
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		return "error: " + err.Error()
	}
	for _, r := range st.Rejects {
		fmt.Fprintf(&b, "rejected %d: %s\n", r.Line, r.Reason)
	}
	fmt.Fprintf(&b, "rows=%d rejected=%d\n", st.Rows, st.Rejected)
	return b.String()
}

func TestReadDrafts(t *testing.T) {
	cases := []struct {
		name, file, data string
		opt              ReadOptions
		mapFlag          string
		want             string
	}{
		{
			name: "canonical CSV with cells, local and offset times",
			file: "drafts.csv",
			data: "id,channel,scheduled_at,text,pillar,link\n" +
				"d1,instagram,2027-01-04T09:00,Hei på deg,brand,https://a.example\n" +
				"d2,tiktok,2027-01-04T19:30:00+01:00,\"Two\nlines\",,\n" +
				"d3,æøå,2027-01-05 08:15,x,,\n",
			want: `2 id="d1" ch=instagram at=2027-01-04T09:00Z local=true text="Hei på deg" pillar="brand" link="https://a.example" cells=id@2:1 channel@2:4 scheduled_at@2:14 text@2:31 pillar@2:42 link@2:48 
3 id="d2" ch=tiktok at=2027-01-04T19:30+01:00 local=false text="Two\nlines" cells=id@3:1 channel@3:4 scheduled_at@3:11 text@3:38 pillar@4:8 link@4:9 
5 id="d3" ch=æøå at=2027-01-05T08:15Z local=true text="x" cells=id@5:1 channel@5:4 scheduled_at@5:8 text@5:25 pillar@5:27 link@5:28 
rows=3 rejected=0
`,
		},
		{
			name: "rejected rows are counted with their reason",
			file: "drafts.csv",
			data: "channel,scheduled_at,text\n" +
				",2027-01-04T09:00,a\n" +
				"instagram,,b\n" +
				"instagram,next tuesday,c\n" +
				"instagram,2027-01-04T09:00,d\n",
			want: `5 id="" ch=instagram at=2027-01-04T09:00Z local=true text="d" cells=channel@5:1 scheduled_at@5:11 text@5:28 
rejected 2: channel is empty; every row needs one
rejected 3: scheduled_at is empty; every row needs one
rejected 4: scheduled_at "next tuesday" is not a time: expected RFC 3339 with a UTC offset, e.g. 2027-01-04T09:00:00+01:00
rows=4 rejected=3
`,
		},
		{
			name:    "a sheet's own column names through --map",
			file:    "calendar.csv",
			mapFlag: "channel=Network,scheduled_at=Publish date,text=Caption,time_layout=02.01.2006 15:04",
			data:    "Network;Publish date;Caption\nInstagram;04.01.2027 09:00;Hei\n",
			want: `2 id="" ch=Instagram at=2027-01-04T09:00Z local=true text="Hei" cells=channel@2:1 scheduled_at@2:11 text@2:28 
rows=1 rejected=0
`,
		},
		{
			name:    "the mapping's time zone wins over local",
			file:    "drafts.csv",
			mapFlag: "timezone=Europe/Oslo",
			data:    "channel,scheduled_at,text\ninstagram,2027-07-04T09:00,Hei\n",
			want: `2 id="" ch=instagram at=2027-07-04T09:00+02:00 local=false text="Hei" cells=channel@2:1 scheduled_at@2:11 text@2:28 
rows=1 rejected=0
`,
		},
		{
			name: "JSON Lines with lists and value columns",
			file: "drafts.jsonl",
			data: `{"id": 7, "channel": "x", "scheduled_at": "2027-01-04T09:00", "text": "Hei", "link": ["https://a", "http://b"], "media": ["m1.jpg", "m2.jpg"], "alt_text": ["a cat", "a dog"], "partners": ["@ingrid"], "status": "approved"}` + "\n" +
				`{"channel": "x", "scheduled_at": "2027-01-04T09:00", "text": true}` + "\n",
			want: `1 id="7" ch=x at=2027-01-04T09:00Z local=true text="Hei" link="https://a http://b" media="m1.jpg m2.jpg" alt="a cat|a dog" status="approved" partners="@ingrid" cells=id@1:8 channel@1:22 scheduled_at@1:43 text@1:71 link@1:86 media@1:122 alt_text@1:156 status@1:211 partners@1:188 
rejected 2: text is true; expected a string
rows=2 rejected=1
`,
		},
		{
			name: "a file without a text column is not a content calendar",
			file: "drafts.csv",
			data: "channel,scheduled_at\ninstagram,2027-01-04T09:00\n",
			want: "error: drafts.csv:1: the drafts file has no column for text (required).\nIts columns are: \"channel\", \"scheduled_at\".\nName the columns with --map text=COLUMN, or use a mapping file or preset with --mapping (presets: " + strings.Join(Presets(), ", ") + ").",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opt := c.opt
			if c.mapFlag != "" {
				pairs, err := ParseMapFlag(c.mapFlag)
				if err != nil {
					t.Fatal(err)
				}
				if opt.Mapping, err = opt.Mapping.With(pairs); err != nil {
					t.Fatal(err)
				}
			}
			if got := readDraftsText(t, c.file, c.data, opt); got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

func TestMappingFileHasADraftsSection(t *testing.T) {
	m, err := parseMapping("m.yaml", []byte("drafts:\n  scheduled_at: Publish date\n  text: Caption\n  chanel: Network\n"))
	if err == nil {
		t.Fatalf("a typo in a drafts column was accepted: %+v", m)
	}
	if want := "m.yaml:4: drafts has no column \"chanel\" — did you mean channel?"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %q, want it to start %q", err, want)
	}
	m, err = parseMapping("m.yaml", []byte("drafts:\n  scheduled_at: Publish date\n"))
	if err != nil || m.Drafts["scheduled_at"] != "Publish date" {
		t.Fatalf("got %+v, %v", m, err)
	}
}

// FuzzReadDrafts holds the drafts reader, CSV and JSON Lines, to the
// readers' invariants (no panic, rows = passed + rejected, rising lines,
// the same result a byte at a time) and to its own: a row passed has a
// channel and a time, and every cell it points at is at or after the
// row's line, inside the input.
func FuzzReadDrafts(f *testing.F) {
	f.Add([]byte("id,channel,scheduled_at,text,link,alt_text\nd1,ig,2027-01-04T09:00,\"a\nb\",https://x,\"x|y\"\n,ig,2027-01-04 09:00+01:00,c,,\n"))
	f.Add([]byte(`{"channel":"x","scheduled_at":"2027-01-04T09:00","text":"é","media":["a","b"],"alt_text":["1","2"]}` + "\n"))
	f.Add([]byte("channel;scheduled_at;text\nig;2027-03-28T02:30;x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		nlines := int64(bytes.Count(data, []byte("\n")) + 1)
		for _, name := range []string{"drafts.csv", "drafts.jsonl"} {
			for _, opt := range fuzzOptions[:2] {
				var results [2]fuzzResult
				for i := range results {
					var src io.Reader = bytes.NewReader(data)
					if i == 1 {
						src = iotest.OneByteReader(src)
					}
					r := &results[i]
					var lines []int64
					var passed int64
					r.stats, r.err = ReadDrafts(src, name, opt, func(d *DraftRow) error {
						passed++
						lines = append(lines, d.Line)
						if len(d.Channel) == 0 || d.ScheduledAt.IsZero() {
							t.Fatalf("line %d passed without channel or time", d.Line)
						}
						for c, cell := range d.Cells {
							if cell.Line != 0 && (int64(cell.Line) < d.Line || int64(cell.Line) > nlines || cell.Column < 1) {
								t.Fatalf("line %d: %s at %+v", d.Line, draftColumns[c], cell)
							}
						}
						fmt.Fprintf(&r.out, "%d %v %v %q %q %q %v\n", d.Line, d.ScheduledAt, d.Local, d.ID, d.Channel, d.Text, d.Cells)
						return nil
					})
					checkStats(t, r.stats, passed, lines)
				}
				sameResult(t, &results[0], &results[1])
			}
		}
	})
}
