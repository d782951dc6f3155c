package audit

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// benchRows is how many rows each benchmark file holds.
const benchRows = 200_000

var benchChannels = []string{"instagram", "tiktok", "facebook", "linkedin"}
var benchPillars = []string{"brand", "fashion", "beauty", "wellness", ""}

// postsCSV generates canonical post history of about 150 bytes a row, the
// size the performance target assumes; every fifth caption is quoted.
func postsCSV(rows int) []byte {
	var b bytes.Buffer
	b.WriteString(canonicalPosts)
	for i := 0; i < rows; i++ {
		day, hour := 1+i%28, 8+i%12
		text := fmt.Sprintf("Ny kolleksjon i butikk nå: kom innom og se #nordlysstil %d", i%97)
		if i%5 == 0 {
			text = fmt.Sprintf("\"Vinn et gavekort, del med en venn og følg oss! #giveaway %d\"", i%89)
		}
		fmt.Fprintf(&b, "%d,2027-01-%02dT%02d:%02d:00+01:00,%s,%s,,%s,@ingrid,%d,%d,%d,%d,%d,%d,%d,\n",
			1_000_000+i, day, hour, i%60, benchChannels[i%4], benchPillars[i%5], text,
			i%500, i%40, i%30, i%20, i%100, 1000+i%5000, 800+i%4000)
	}
	return b.Bytes()
}

func postsJSONL(rows int) []byte {
	var b bytes.Buffer
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&b, `{"id":"%d","published_at":"2027-01-%02dT%02d:%02d:00+01:00","channel":"%s","pillar":"%s","text":"Ny kolleksjon i butikk nå #nordlysstil %d","mentions":["@ingrid"],"likes":%d,"comments":%d,"shares":%d,"saves":%d,"clicks":%d,"impressions":%d,"reach":%d}`+"\n",
			1_000_000+i, 1+i%28, 8+i%12, i%60, benchChannels[i%4], benchPillars[i%5], i%97,
			i%500, i%40, i%30, i%20, i%100, 1000+i%5000, 800+i%4000)
	}
	return b.Bytes()
}

func mentionsCSV(rows int) []byte {
	var b bytes.Buffer
	b.WriteString(header("id", "channel", "received_at", "responded_at", "type", "sentiment"))
	types := []string{"complaint", "ugc", "help", "question", "press"}
	for i := 0; i < rows; i++ {
		responded := ""
		if i%7 != 0 {
			responded = fmt.Sprintf("2027-01-%02dT%02d:%02d:00+01:00", 1+i%28, 9+i%12, i%60)
		}
		fmt.Fprintf(&b, "m%d,%s,2027-01-%02dT%02d:%02d:00+01:00,%s,%s,neutral\n",
			i, benchChannels[i%4], 1+i%28, 8+i%12, i%60, responded, types[i%5])
	}
	return b.Bytes()
}

// benchRead runs read over data b.N times and reports the cost per row.
func benchRead(b *testing.B, data []byte, rows int, read func(*bytes.Reader) (ReadStats, error)) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	r := bytes.NewReader(data)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Reset(data)
		st, err := read(r)
		if err != nil {
			b.Fatal(err)
		}
		if st.Rows != int64(rows) || st.Rejected != 0 {
			b.Fatalf("read %d rows, %d rejected (%v), want %d", st.Rows, st.Rejected, st.Rejects, rows)
		}
	}
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(rows)
	b.ReportMetric(ns, "ns/row")
	b.ReportMetric(1e9/ns, "rows/s")
}

var sink int64

func BenchmarkReadPostsCSV(b *testing.B) {
	data := postsCSV(benchRows)
	benchRead(b, data, benchRows, func(r *bytes.Reader) (ReadStats, error) {
		return ReadPosts(r, "posts.csv", ReadOptions{}, func(p *Post) error {
			sink += p.Metrics[Likes] + int64(len(p.ID)) + p.PublishedAt.Unix()
			return nil
		})
	})
}

func BenchmarkReadPostsJSONL(b *testing.B) {
	data := postsJSONL(benchRows)
	benchRead(b, data, benchRows, func(r *bytes.Reader) (ReadStats, error) {
		return ReadPosts(r, "posts.jsonl", ReadOptions{}, func(p *Post) error {
			sink += p.Metrics[Likes] + int64(len(p.ID)) + p.PublishedAt.Unix()
			return nil
		})
	})
}

func BenchmarkReadMentionsCSV(b *testing.B) {
	data := mentionsCSV(benchRows)
	benchRead(b, data, benchRows, func(r *bytes.Reader) (ReadStats, error) {
		return ReadMentions(r, "mentions.csv", ReadOptions{}, func(m *Mention) error {
			sink += int64(len(m.ID)) + m.ReceivedAt.Unix()
			return nil
		})
	})
}

// BenchmarkReadPostsCSVMapped reads an export through a mapping with a Go
// time layout and a time zone, the slower path.
func BenchmarkReadPostsCSVMapped(b *testing.B) {
	data := postsCSV(benchRows)
	data = bytes.Replace(data, []byte("id,published_at,channel,"), []byte("Post ID,Date,Network,"), 1)
	var out bytes.Buffer
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		// 2027-01-04T09:00:00+01:00 → 2027-01-04 09:00
		if i := bytes.Index(line, []byte("T")); i > 0 && bytes.Contains(line, []byte("+01:00")) {
			line = append(append(append([]byte{}, line[:i]...), ' '), line[i+1:]...)
			line = bytes.Replace(line, []byte(":00+01:00"), nil, 1)
		}
		out.Write(line)
	}
	m := &Mapping{Name: "bench", Posts: map[string]string{"id": "Post ID", "published_at": "Date", "channel": "Network"},
		TimeLayout: "2006-01-02 15:04", Timezone: "Europe/Oslo"}
	benchRead(b, out.Bytes(), benchRows, func(r *bytes.Reader) (ReadStats, error) {
		return ReadPosts(r, "posts.csv", ReadOptions{Mapping: m}, func(p *Post) error {
			sink += p.PublishedAt.Unix()
			return nil
		})
	})
}

func TestBenchmarkData(t *testing.T) {
	// The generators feed the benchmarks; check they produce what the
	// benchmarks assume.
	for name, data := range map[string][]byte{"csv": postsCSV(1000), "jsonl": postsJSONL(1000), "mentions": mentionsCSV(1000)} {
		rows := bytes.Count(data, []byte("\n"))
		if strings.HasPrefix(name, "csv") || name == "mentions" {
			rows--
		}
		if rows != 1000 {
			t.Errorf("%s: %d rows", name, rows)
		}
	}
	if n := len(postsCSV(10000)) / 10000; n < 130 || n > 170 {
		t.Errorf("post rows are %d bytes on average, want about 150", n)
	}
}
