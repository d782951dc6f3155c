package audit

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/internal/golden"
)

// readCase is one input for the readers and what to read it with. Its
// output, every record passed and every row rejected, is compared with the
// golden file testdata/read/<name>.out.
type readCase struct {
	name     string
	file     string // the file name the reader is given
	mentions bool   // read a mention log, not post history
	data     string
	opt      ReadOptions
	preset   string   // a preset mapping
	mapFlag  string   // a --map flag applied on top
	mapping  *Mapping // a mapping given directly
}

func header(cols ...string) string { return strings.Join(cols, ",") + "\n" }

var canonicalPosts = header("id", "published_at", "channel", "pillar", "tactic", "text", "mentions", "likes", "comments", "shares", "saves", "clicks", "impressions", "reach", "followers")

var readCases = []readCase{
	{name: "posts-canonical", file: "posts.csv", data: canonicalPosts +
		"p1,2027-01-04T09:00:00+01:00,instagram,brand,giveaway,Vinn et gavekort! #nordlysstil,@ingrid @maja,120,14,3,9,40,2300,1800,5400\n" +
		"p2,2027-01-04T19:30:00Z,tiktok,,,Stylingtriks,,,,,,,,,\n" +
		"p3,2027-01-05T08:15:30.250-05:00,linkedin,fashion,,\"Quoted, with a comma\",,0,0,0,0,0,0,0,0\n"},
	{name: "posts-bom-crlf", file: "posts.csv", data: "\xEF\xBB\xBFid,published_at,channel,text,likes\r\n" +
		"p1,2027-01-04T09:00:00+01:00,instagram,first,1\r\n" +
		"p2,2027-01-04T10:00:00+01:00,instagram,\"two\r\nlines\",2\r\n" +
		"p3,2027-01-04T11:00:00+01:00,instagram,third,3\r\n"},
	{name: "posts-latin1-as-utf8", file: "posts.csv", data: "id,published_at,channel,text\n" +
		"p1,2027-01-04T09:00:00+01:00,instagram,ASCII only\n" +
		"p2,2027-01-04T10:00:00+01:00,instagram,Bl\xE5b\xE6r og \x80 5\n"},
	{name: "posts-latin1", file: "posts.csv", opt: ReadOptions{Encoding: "latin1"}, data: "id,published_at,channel,text\n" +
		"p1,2027-01-04T09:00:00+01:00,instagram,ASCII only\n" +
		"p2,2027-01-04T10:00:00+01:00,instagram,Bl\xE5b\xE6r og \x80 5 \x93sitat\x94\n"},
	{name: "posts-semicolon", file: "posts.csv", data: "id;published_at;channel;text;likes\n" +
		"p1;2027-01-04T09:00:00+01:00;instagram;Hei, verden;5\n" +
		"p2;2027-01-04T10:00:00+01:00;facebook;\"semi;colon\";6\n"},
	{name: "posts-tab", file: "posts.tsv", data: "id\tpublished_at\tchannel\ttext\tlikes\n" +
		"p1\t2027-01-04T09:00:00+01:00\tinstagram\tHei, verden; hallo\t5\n"},
	{name: "posts-wrong-delimiter", file: "posts.csv", opt: ReadOptions{Delimiter: ','}, data: "id;published_at;channel\np1;2027-01-04T09:00:00+01:00;instagram\n"},
	{name: "posts-missing-columns", file: "posts.csv", data: "Post ID,Publish time,Network,Message,Likes\n1,01/04/2027 09:00,Instagram,Hei,5\n"},
	{name: "posts-mapped-column-missing", file: "posts.csv", mapFlag: "published_at=Date,channel=Network", data: "id,Published,Network\n1,2027-01-04T09:00:00+01:00,Instagram\n"},
	{name: "posts-dates", file: "posts.csv", data: header("id", "published_at", "channel") +
		"ok-offset,2027-01-04T09:00:00+01:00,instagram\n" +
		"ok-z-fraction,2027-01-04T09:00:00.123456789Z,instagram\n" +
		"ok-lower-space,2027-01-04 09:00:00z,instagram\n" +
		"ok-no-seconds,2027-01-04T09:00+0530,instagram\n" +
		"no-offset,2027-01-04T09:00:00,instagram\n" +
		"not-a-date,04.01.2027 09:00,instagram\n" +
		"feb-30,2027-02-30T09:00:00Z,instagram\n" +
		"hour-24,2027-01-04T24:00:00Z,instagram\n" +
		"placeholder,0001-01-01T00:00:00Z,instagram\n" +
		"empty,,instagram\n" +
		"long,\"2027-01-04T09:00:00+01:00 and then a great deal of text that goes on and on\",instagram\n" +
		"control,\"2027\x01-01\",instagram\n"},
	{name: "posts-metrics", file: "posts.csv", data: header("id", "published_at", "channel", "likes", "comments") +
		"ok,2027-01-04T09:00:00+01:00,instagram,12, 3 \n" +
		"ok-spreadsheet-float,2027-01-04T09:00:00+01:00,instagram,12.0,3.00\n" +
		"ok-empty,2027-01-04T09:00:00+01:00,instagram,,\n" +
		"negative,2027-01-04T09:00:00+01:00,instagram,-5,0\n" +
		"not-a-number,2027-01-04T09:00:00+01:00,instagram,n/a,0\n" +
		"thousands,2027-01-04T09:00:00+01:00,instagram,\"1,234\",0\n" +
		"thousands-dot,2027-01-04T09:00:00+01:00,instagram,1.234.567,0\n" +
		"fraction,2027-01-04T09:00:00+01:00,instagram,1.5,0\n" +
		"too-large,2027-01-04T09:00:00+01:00,instagram,1234567890123456789012,0\n" +
		"exponent,2027-01-04T09:00:00+01:00,instagram,1e3,0\n"},
	{name: "posts-empty", file: "posts.csv", data: ""},
	{name: "posts-blank", file: "posts.csv", data: "\n \r\n\t\n"},
	{name: "posts-header-only", file: "posts.csv", data: "id,published_at,channel\n"},
	{name: "posts-header-only-no-newline", file: "posts.csv", data: "id,published_at,channel"},
	{name: "posts-quoted-newlines", file: "posts.csv", data: header("id", "published_at", "channel", "text") +
		"p1,2027-01-04T09:00:00+01:00,instagram,\"line one\nline two\nline three\"\n" +
		"p2,2027-01-04T10:00:00+01:00,instagram,\"\"\"quoted\"\" start\"\n" +
		"p3,bad date,instagram,\"a\n\nb\"\n" +
		"p4,2027-01-04T11:00:00+01:00,instagram,\"\"\n" +
		"p5,2027-01-04T12:00:00+01:00,instagram,after\n"},
	{name: "posts-quote-errors", file: "posts.csv", data: header("id", "published_at", "channel", "text") +
		"p1,2027-01-04T09:00:00+01:00,instagram,\"closed\"then text\n" +
		"p2,2027-01-04T10:00:00+01:00,instagram,lazy \"quote\" inside\n" +
		"p3,2027-01-04T11:00:00+01:00,instagram,\"never closed\n" +
		"p4,2027-01-04T12:00:00+01:00,instagram,swallowed\n"},
	{name: "posts-field-counts", file: "posts.csv", data: header("id", "published_at", "channel", "text") +
		"p1,2027-01-04T09:00:00+01:00,instagram\n" +
		"p2,2027-01-04T10:00:00+01:00,instagram,text,extra\n" +
		"p3,2027-01-04T11:00:00+01:00,instagram,text with, a comma\n" +
		"p4,2027-01-04T12:00:00+01:00,instagram,ok\n"},
	{name: "posts-blank-rows", file: "posts.csv", data: "\n\nid,published_at,channel,text\n" +
		"\n" +
		"p1,2027-01-04T09:00:00+01:00,instagram,one\n" +
		",,,\n" +
		"\r\n" +
		"p2,2027-01-04T10:00:00+01:00,instagram,two\n" +
		"\"\",,,\n" +
		"p3,2027-01-04T11:00:00+01:00,instagram,three"},
	{name: "posts-required-empty", file: "posts.csv", data: header("id", "published_at", "channel") +
		" ,2027-01-04T09:00:00+01:00,instagram\n" +
		"p2,2027-01-04T09:00:00+01:00,\n" +
		"p3, 2027-01-04T09:00:00+01:00 , instagram \n"},
	{name: "posts-duplicate-ids", file: "posts.csv", data: header("id", "published_at", "channel") +
		"p1,2027-01-04T09:00:00+01:00,instagram\n" +
		"p1,2027-01-04T09:00:00+01:00,instagram\n"},
	{name: "posts-many-rejects", file: "posts.csv", data: header("id", "published_at", "channel") +
		strings.Repeat("p,yesterday,instagram\n", 25) + "ok,2027-01-04T09:00:00+01:00,instagram\n"},
	{name: "posts-ignored-columns", file: "posts.csv", data: "ID, Published_At ,CHANNEL,Permalink,,likes\n" +
		"p1,2027-01-04T09:00:00+01:00,instagram,https://example.com/p1,x,4\n"},
	{name: "posts-duplicate-header", file: "posts.csv", data: "id,published_at,channel,ID\np1,2027-01-04T09:00:00+01:00,instagram,p1\n"},
	{name: "posts-old-mac", file: "posts.csv", data: "id,published_at,channel\rp1,2027-01-04T09:00:00+01:00,instagram\r"},
	{name: "posts-header-not-utf8", file: "posts.csv", data: "id,published_at,channel,S\xF8kord\np1,2027-01-04T09:00:00+01:00,instagram,x\n"},
	{name: "posts-utf16", file: "posts.csv", data: "\xFF\xFEi\x00d\x00"},
	{name: "posts-too-many-columns", file: "posts.csv", data: header("id", "published_at", "channel") +
		"p1,2027-01-04T09:00:00+01:00,instagram\n" +
		"p2,2027-01-04T10:00:00+01:00,instagram" + strings.Repeat(",x", 10000) + "\n" +
		"p3,2027-01-04T11:00:00+01:00,instagram\n"},
	{name: "posts-long-row", file: "posts.csv", opt: ReadOptions{MaxRowBytes: 200}, data: header("id", "published_at", "channel", "text") +
		"p1,2027-01-04T09:00:00+01:00,instagram,short\n" +
		"p2,2027-01-04T10:00:00+01:00,instagram,\"" + strings.Repeat("long\n", 60) + "\"\n" +
		"p3,2027-01-04T11:00:00+01:00,instagram," + strings.Repeat("x", 300) + "\n" +
		"p4,2027-01-04T12:00:00+01:00,instagram,after\n"},
	{name: "posts-unknown-encoding", file: "posts.csv", opt: ReadOptions{Encoding: "ebcdic"}, data: canonicalPosts},
	{name: "posts-sniff-jsonl", file: "posts", data: "\n  {\"id\":\"p1\",\"published_at\":\"2027-01-04T09:00:00+01:00\",\"channel\":\"instagram\"}\n"},

	{name: "posts-leading-spaces-quote", file: "posts.csv", data: "    \""},
	{name: "jsonl-leading-blank-lines", file: "posts.jsonl", data: " \n  0\n\n{\"id\":\"p1\",\"published_at\":\"2027-01-04T09:00:00+01:00\",\"channel\":\"instagram\"}\n"},

	{name: "mentions-basic", file: "mentions.csv", mentions: true, data: header("id", "channel", "received_at", "responded_at", "type", "sentiment") +
		"m1,instagram,2027-01-04T09:00:00+01:00,2027-01-04T10:30:00+01:00,complaint,negative\n" +
		"m2,instagram,2027-01-04T09:00:00+01:00,,ugc,positive\n" +
		"m3,facebook,2027-01-04T09:00:00+01:00,2027-01-04T08:59:00+01:00,help,\n" +
		"m4,facebook,2027-01-04T09:00:00+01:00,2027-01-04T08:30:00Z,question,neutral\n" +
		"m5,facebook,2027-01-04T09:00:00+01:00,soon,help,\n" +
		"m6,,2027-01-04T09:00:00+01:00,,help,\n"},
	// A numeric author id and a sentiment score are read as their text,
	// not rejected: the mention's response time still counts.
	{name: "mentions-jsonl-numbers", file: "mentions.jsonl", mentions: true, data: `{"id":"m1","channel":"instagram","received_at":"2027-01-04T09:00:00+01:00","type":"ugc","sentiment":0.8,"author":123456789,"author_followers":"1200"}` + "\n" +
		`{"id":"m2","channel":"instagram","received_at":"2027-01-04T09:00:00+01:00","sentiment":true}` + "\n"},
	{name: "mentions-missing-columns", file: "mentions.csv", mentions: true, data: "id,channel,created_at\nm1,instagram,2027-01-04T09:00:00+01:00\n"},
	{name: "mentions-mapping", file: "inbox.csv", mentions: true, mapping: &Mapping{
		Name:       "inbox",
		Mentions:   map[string]string{"id": "Message ID", "channel": "Profile", "received_at": "Received", "responded_at": "First reply", "type": "Tag"},
		TimeLayout: "2006-01-02 15:04",
		Timezone:   "Europe/Oslo",
		Channels:   map[string]string{"Nordlys (Instagram)": "instagram"},
		Types:      map[string]string{"Klage": "complaint"},
	}, data: "Message ID,Profile,Received,First reply,Tag\n" +
		"1,Nordlys (Instagram),2027-03-28 01:30,2027-03-28 03:30,Klage\n" +
		"2,Nordlys (Instagram),2027-10-31 02:30,,Ros\n" +
		"3,Nordlys (TikTok),2027-01-04T09:00:00+01:00,,\n"},

	{name: "jsonl-basic", file: "posts.jsonl", data: `{"id":"p1","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram","text":"Hei \"verden\" \u00e6\u00f8\u00e5 \ud83d\ude00","mentions":["@ingrid","@maja"],"likes":120,"comments":"14","reach":null,"extra":{"nested":[1,2,{"a":null}]}}` + "\n" +
		`{"id":12345,"published_at":"2027-01-04T10:00:00Z","channel":"tiktok","mentions":"@kari","likes":3.0,"shares":0}` + "\r\n" +
		"\n" +
		`  { "channel" : "x" , "published_at" : "2027-01-04T11:00:00Z" , "id" : "p3" , "mentions" : [ ] }  ` + "\n" +
		`{"id":"p4","published_at":"2027-01-04T12:00:00Z","channel":"x","text":"no newline at the end"}`},
	{name: "jsonl-wrong-types", file: "posts.jsonl", data: `{"id":"ok","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram"}` + "\n" +
		`{"id":"p1","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram","likes":true}` + "\n" +
		`{"id":"p2","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram","likes":{"count":3}}` + "\n" +
		`{"id":"p3","published_at":1798963200,"channel":"instagram"}` + "\n" +
		`{"id":"p4","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram","mentions":[1,2]}` + "\n" +
		`{"id":"p5","published_at":"2027-01-04T09:00:00+01:00","channel":["instagram"]}` + "\n" +
		`{"id":{"value":"p6"},"published_at":"2027-01-04T09:00:00+01:00","channel":"instagram"}` + "\n" +
		`{"id":"p7","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram","likes":"many"}` + "\n" +
		`{"id":"p8","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram","likes":-2}` + "\n" +
		`{"id":"p9","published_at":null,"channel":"instagram"}` + "\n" +
		`{"id":"p10","channel":"instagram"}` + "\n" +
		`["id","p11"]` + "\n" +
		`"just a string"` + "\n"},
	{name: "jsonl-syntax", file: "posts.jsonl", data: `{"id":"ok","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram"}` + "\n" +
		`{"id":"p1","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram",}` + "\n" +
		`{"id":"p2","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram` + "\n" +
		`{"id":"p3","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram"}{"id":"p3b"}` + "\n" +
		`{"id":"p4","published_at":"2027-01-04T09:00:00+01:00","channel":"insta	gram"}` + "\n" +
		`{"id":"p5","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram\x"}` + "\n" +
		`{"id":"p6","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram","likes":012}` + "\n" +
		`{"id":"p7","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram","x":tru}` + "\n" +
		`{'id':'p8'}` + "\n" +
		`{"id":"p9","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram","x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}\n" +
		`{"id":"p10","published_at":"2027-01-04T09:00:00+01:00","channel":"instagram","text":"\ud800 lone surrogate"}` + "\n"},
	{name: "jsonl-missing-keys", file: "posts.jsonl", data: `{"Post ID":"p1","Date":"2027-01-04T09:00:00+01:00","Network":"instagram"}` + "\n"},
	{name: "jsonl-mapping", file: "posts.jsonl", mapFlag: "id=Post ID,published_at=Date,likes=Reactions, Comments and Shares",
		mapping: &Mapping{Name: "file", Channel: "facebook"}, data: `{"POST ID":"p1","date":"2027-01-04T09:00:00+01:00","Reactions, comments and shares":"7"}` + "\n"},
	{name: "jsonl-latin1", file: "posts.jsonl", opt: ReadOptions{Encoding: "latin1"}, data: "{\"id\":\"p1\",\"published_at\":\"2027-01-04T09:00:00+01:00\",\"channel\":\"instagram\",\"text\":\"Bl\xE5b\xE6r\"}\n"},

	{name: "preset-sprout-social", file: "Post Performance.csv", preset: "sprout-social", mapFlag: "timezone=America/Chicago", data: "Date,Post ID,Network,Post Type,Content Type,Profile,Sent by,Link,Post,Impressions,Reach,Engagements,Reactions,Likes,Comments,Shares,Saves,Post Link Clicks\n" +
		"1/4/2027 9:05 am,17900000000000001,Instagram,Post,Photo,@nordlys,Sofie,https://example.com/1,\"Ny kolleksjon, nå i butikk!\",2300,1800,150,,120,14,3,9,\n" +
		"01/04/2027 07:30 PM,17900000000000002,TikTok,Video,Video,@nordlys,Emil,https://example.com/2,Stylingtriks,5400,5000,300,,250,20,30,,\n" +
		"1/5/2027 12:00 pm,900000003,Facebook,Post,Link,Nordlys,Sofie,https://example.com/3,Åpningstider,800,700,40,35,,3,2,,12\n"},
	{name: "preset-meta-facebook-no-timezone", file: "facebook.csv", preset: "meta-facebook", data: "Post ID,Page ID,Page name,Title,Description,Publish time,Permalink,Post type,Reach,Reactions,Comments,Shares,Total clicks\n1,2,Nordlys,Hei,,01/04/2027 09:00,https://example.com,Photos,100,10,1,0,4\n"},
	{name: "preset-meta-facebook", file: "facebook.csv", preset: "meta-facebook", mapFlag: "timezone=Europe/Oslo", data: "Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Caption type,Permalink,Is crosspost,Is share,Post type,Languages,Custom labels,Funded content status,Data comment,Date,Views,Reach,\"Reactions, Comments and Shares\",Reactions,Comments,Shares,Total clicks\n" +
		"1220000000000001_9001,1220000000000001,Nordlys,\"Vinn et gavekort! #nordlysstil\",,,01/04/2027 09:00,,https://www.facebook.com/1,No,No,Photos,,,,,Lifetime,2500,1800,30,25,3,2,40\n" +
		"1220000000000001_9002,1220000000000001,Nordlys,Åpningstider i påsken,,,3/28/2027 02:30,,https://www.facebook.com/2,No,No,Links,,,,,Lifetime,900,700,5,5,0,0,12\n"},
	{name: "preset-meta-instagram", file: "instagram.csv", preset: "meta-instagram", mapFlag: "timezone=Europe/Oslo", data: "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves\n" +
		"18000000000000001,17800000000000001,nordlys.oslo,Nordlys,\"Nye plagg 🧥 @ingrid\",,01/06/2027 11:30,https://www.instagram.com/p/x/,IG image,,Lifetime,3000,2100,180,4,2,11,25\n"},
}

func TestReaders(t *testing.T) {
	for _, tc := range readCases {
		t.Run(tc.name, func(t *testing.T) {
			got := runReadCase(t, tc)
			golden.Check(t, filepath.Join("testdata", "read", tc.name+".out"), []byte(got))
		})
	}
}

// runReadCase reads a case and writes what the reader gave back, one line
// a record, then the stats, or the error.
func runReadCase(t *testing.T, tc readCase) string {
	t.Helper()
	opt := tc.opt
	opt.Mapping = tc.mapping
	if tc.preset != "" {
		m, ok := Preset(tc.preset)
		if !ok {
			t.Fatalf("no preset %s", tc.preset)
		}
		opt.Mapping = m
	}
	if tc.mapFlag != "" {
		pairs, err := ParseMapFlag(tc.mapFlag)
		if err != nil {
			t.Fatal(err)
		}
		if opt.Mapping, err = opt.Mapping.With(pairs); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	var st ReadStats
	var err error
	if tc.mentions {
		st, err = ReadMentions(readerFor(tc.data), tc.file, opt, func(m *Mention) error {
			fmt.Fprintf(&b, "line %d: id %q, channel %q, received %s, responded %s, type %q, sentiment %q\n",
				m.Line, m.ID, m.Channel, timeText(m.ReceivedAt), timeText(m.RespondedAt), m.Type, m.Sentiment)
			return nil
		})
	} else {
		st, err = ReadPosts(readerFor(tc.data), tc.file, opt, func(p *Post) error {
			fmt.Fprintf(&b, "line %d: id %q, published %s, channel %q", p.Line, p.ID, timeText(p.PublishedAt), p.Channel)
			for _, f := range []struct {
				name string
				v    []byte
			}{{"pillar", p.Pillar}, {"tactic", p.Tactic}, {"text", p.Text}, {"mentions", p.Mentions}} {
				if len(f.v) > 0 {
					fmt.Fprintf(&b, ", %s %q", f.name, f.v)
				}
			}
			for m := Metric(0); m < NumMetrics; m++ {
				if p.HasMetric(m) {
					fmt.Fprintf(&b, ", %s %d", m, p.Metrics[m])
				}
			}
			b.WriteString("\n")
			return nil
		})
	}
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
	}
	fmt.Fprintf(&b, "rows %d, rejected %d, bytes %d\n", st.Rows, st.Rejected, st.Bytes)
	fmt.Fprintf(&b, "columns: %q\n", st.Columns)
	if len(st.Ignored) > 0 {
		fmt.Fprintf(&b, "ignored: %q\n", st.Ignored)
	}
	for _, r := range st.Rejects {
		fmt.Fprintf(&b, "rejected line %d: %s\n", r.Line, r.Reason)
	}
	return b.String()
}

// readerFor gives runReadCase its input; tests swap it to read in pieces.
var readerFor = func(s string) io.Reader { return strings.NewReader(s) }

func timeText(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.RFC3339Nano)
}
