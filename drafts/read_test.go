package drafts

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/audit"
)

func oslo(t *testing.T) func(string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	ny, _ := time.LoadLocation("America/New_York")
	return func(ch string) *time.Location {
		if ch == "linkedin" {
			return ny
		}
		return loc
	}
}

func TestTheFieldsAreTheAuditsDraftColumns(t *testing.T) {
	cols := audit.DraftColumns()
	if len(cols) != int(NumFields) {
		t.Fatalf("audit has %d draft columns, drafts %d fields", len(cols), NumFields)
	}
	for f := Field(0); f < NumFields; f++ {
		if cols[f] != f.String() {
			t.Errorf("column %d is %q in audit and %q here", f, cols[f], f)
		}
	}
}

func TestReadFileFillsTheDraft(t *testing.T) {
	data := "id,channel,scheduled_at,text,pillar,link,media,alt_text,status,partners\n" +
		"a,instagram,2027-03-28T02:30,Hei,brand,https://a.example http://b.example,one.jpg two.jpg,A cat | A dog,Approved,\"@ingrid, @maja\"\n" +
		"b,linkedin,2027-10-31T02:30,x,,,,,,\n" +
		",instagram,2027-01-04T09:00:00Z,x,,,solo.jpg,Alt | with a bar,,\n"
	var got []Draft
	_, err := ReadFile(strings.NewReader(data), "d.csv", ReadOptions{Zone: oslo(t)}, func(d *Draft) error {
		got = append(got, *d)
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d drafts", len(got))
	}
	a := got[0]
	// 02:30 on 28 March 2027 does not happen in Oslo: the planner moves it
	// forward by the gap.
	if want := "2027-03-28T03:30:00+02:00"; a.At.Format(time.RFC3339) != want {
		t.Errorf("a.At = %s, want %s", a.At.Format(time.RFC3339), want)
	}
	if !reflect.DeepEqual(a.Links, []string{"https://a.example", "http://b.example"}) ||
		!reflect.DeepEqual(a.Media, []Media{{"one.jpg", "A cat"}, {"two.jpg", "A dog"}}) ||
		!reflect.DeepEqual(a.Partners, []string{"@ingrid", "@maja"}) || a.Status != StatusApproved {
		t.Errorf("a = %+v", a)
	}
	if a.Pos[FieldPillar] != (Position{2, 34}) || a.Pos[FieldOwner] != (Position{}) {
		t.Errorf("positions %+v", a.Pos)
	}
	// LinkedIn's times are New York's: still summer time on 31 October.
	if want := "2027-10-31T02:30:00-04:00"; got[1].At.Format(time.RFC3339) != want {
		t.Errorf("b.At = %s, want %s", got[1].At.Format(time.RFC3339), want)
	}
	c := got[2]
	if c.ID != "line 4" || c.At.Format(time.RFC3339) != "2027-01-04T09:00:00Z" {
		t.Errorf("c = %s at %s", c.ID, c.At.Format(time.RFC3339))
	}
	if !reflect.DeepEqual(c.Media, []Media{{"solo.jpg", "Alt | with a bar"}}) {
		t.Errorf("one medium keeps its whole alt text: %+v", c.Media)
	}
}

func TestParsePost(t *testing.T) {
	src := "---\n" +
		"id: ig-1\n" +
		"channel: instagram\n" +
		"scheduled_at: 2027-01-04 09:00\n" +
		"pillar: brand\n" +
		"media:\n" +
		"  - url: a.jpg\n" +
		"    alt: A sweater\n" +
		"  - b.jpg\n" +
		"links: [https://x.example]\n" +
		"partners: \"@ingrid\"\n" +
		"title: ignored\n" +
		"---\n" +
		"\n" +
		"Hei på deg!\n" +
		"Second line.\n\n"
	d, rej := ParsePost("posts/a.md", []byte(src), oslo(t))
	if len(rej) > 0 {
		t.Fatalf("rejected: %+v", rej)
	}
	if d.ID != "ig-1" || d.Channel != "instagram" || d.Pillar != "brand" || d.At.Format(time.RFC3339) != "2027-01-04T09:00:00+01:00" {
		t.Errorf("d = %+v", d)
	}
	if !reflect.DeepEqual(d.Media, []Media{{"a.jpg", "A sweater"}, {"b.jpg", ""}}) || !reflect.DeepEqual(d.Links, []string{"https://x.example"}) || !reflect.DeepEqual(d.Partners, []string{"@ingrid"}) {
		t.Errorf("lists: %+v %+v %+v", d.Media, d.Links, d.Partners)
	}
	if d.Text != "Hei på deg!\nSecond line." {
		t.Errorf("text %q", d.Text)
	}
	want := map[Field]Position{FieldID: {2, 5}, FieldChannel: {3, 10}, FieldAt: {4, 15}, FieldPillar: {5, 9}, FieldMedia: {7, 3}, FieldLink: {10, 8}, FieldText: {15, 1}}
	for f, p := range want {
		if d.Pos[f] != p {
			t.Errorf("Pos[%s] = %+v, want %+v", f, d.Pos[f], p)
		}
	}
	if p := d.TextPos(strings.Index(d.Text, "Second")); p != (Position{16, 1}) {
		t.Errorf("TextPos of Second = %+v", p)
	}
}

func TestParsePostRejects(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"no front matter", "Just text\n", "1:1: the post has no front matter"},
		{"unclosed front matter", "---\nchannel: x\n", "1:1: the post has no front matter"},
		{"bad YAML", "---\nchannel: [x\n---\nbody\n", "2:0: the front matter is not valid YAML"},
		{"not a map", "---\n- a\n---\n", "2:1: the front matter is not a map"},
		{"typo of channel", "---\nchanel: x\nscheduled_at: 2027-01-04 09:00\n---\n", "2:1: the front matter has no channel — is chanel a typo of it?"},
		{"typo of pillar", "---\nchannel: x\nscheduled_at: 2027-01-04 09:00\npilar: brand\n---\n", "4:1: front matter key pilar is not one pillar reads — did you mean pillar?"},
		{"bad time", "---\nchannel: x\nscheduled_at: next week\n---\n", "3:15: scheduled_at \"next week\" is not a time"},
		{"list where a value goes", "---\nchannel: [a, b]\nscheduled_at: 2027-01-04 09:00\n---\n", "2:10: channel is a single value"},
		{"not UTF-8", "---\nchannel: \xff\n---\n", "1:0: the post is not UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, rej := ParsePost("p.md", []byte(c.src), nil)
			if len(rej) == 0 {
				t.Fatal("accepted")
			}
			got := strings.TrimPrefix(rej[0].File, "p.md") + ":" + strconv.Itoa(rej[0].Pos.Line) + ":" + strconv.Itoa(rej[0].Pos.Column) + ": " + rej[0].Reason
			if !strings.HasPrefix(got, ":"+c.want) {
				t.Errorf("got %q, want it to start %q", got, c.want)
			}
		})
	}
}

func TestReadDirIsConfinedToTheRoot(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	posts := filepath.Join(root, "posts")
	must(t, os.MkdirAll(filepath.Join(posts, "sub"), 0o755))
	post := "---\nchannel: instagram\nscheduled_at: 2027-01-04 09:00\n---\nHei\n"
	must(t, os.WriteFile(filepath.Join(posts, "b.md"), []byte(post), 0o644))
	must(t, os.WriteFile(filepath.Join(posts, "sub", "a.md"), []byte(post), 0o644))
	must(t, os.WriteFile(filepath.Join(posts, "README.md"), []byte("# About these posts\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(posts, "notes.txt"), []byte("not a post"), 0o644))
	must(t, os.WriteFile(filepath.Join(posts, "big.md"), []byte("---\n"+strings.Repeat("x", 300<<10)), 0o644))
	must(t, os.WriteFile(filepath.Join(outside, "secret.md"), []byte(post), 0o644))
	must(t, os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(posts, "link.md")))
	must(t, os.Symlink("b.md", filepath.Join(posts, "inside.md"))) // relative, inside the root
	if err := syscall.Mkfifo(filepath.Join(posts, "pipe.md"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	var read, bad []string
	n, err := ReadDir(posts, DirOptions{Root: root}, func(d *Draft) error {
		read = append(read, d.File)
		return nil
	}, func(r Reject) { bad = append(bad, filepath.Base(r.File)+": "+r.Reason) })
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(posts, "b.md"), filepath.Join(posts, "inside.md"), filepath.Join(posts, "sub", "a.md")}; !reflect.DeepEqual(read, want) {
		t.Errorf("read %v, want %v", read, want)
	}
	wantBad := []string{
		"big.md: the post is larger than 256 KiB; a post is a caption and its front matter",
		"link.md: it leads outside the repository root (a symbolic link?); pillar reads drafts only inside it",
		"pipe.md: it is a named pipe (FIFO), not a regular file; pillar reads only regular files",
	}
	if !reflect.DeepEqual(bad, wantBad) {
		t.Errorf("rejected:\n%s\nwant:\n%s", strings.Join(bad, "\n"), strings.Join(wantBad, "\n"))
	}
	if n != 6 {
		t.Errorf("n = %d, want the 6 Markdown files that are not README", n)
	}
	if _, err := ReadDir(outside, DirOptions{Root: root}, func(*Draft) error { return nil }, func(Reject) {}); err == nil || !strings.Contains(err.Error(), "outside the repository root") {
		t.Errorf("a folder outside the root: %v", err)
	}
	if _, err := ReadDir(posts, DirOptions{Root: root, MaxFiles: 2}, func(*Draft) error { return nil }, func(Reject) {}); err == nil || !strings.Contains(err.Error(), "more than 2 Markdown posts") {
		t.Errorf("too many posts: %v", err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func FuzzParsePost(f *testing.F) {
	f.Add([]byte("---\nid: a\nchannel: instagram\nscheduled_at: 2027-01-04 09:00\nmedia:\n  - url: a.jpg\n    alt: x\n---\nHei\n"))
	f.Add([]byte("---\nchannel: &a [*a]\n---\n"))
	f.Add([]byte("---\r\nchannel: x\r\nscheduled_at: 2027-01-04T09:00:00Z\r\n...\r\nbody"))
	f.Add([]byte("---\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, rej := ParsePost("p.md", src, nil)
		if len(rej) > 0 {
			for _, r := range rej {
				if r.Reason == "" || r.Pos.Line < 0 {
					t.Fatalf("a reject without a reason or with a bad line: %+v", r)
				}
			}
			return
		}
		if d.Channel == "" || d.At.IsZero() {
			t.Fatalf("accepted without channel or time: %+v", d)
		}
		for f, p := range d.Pos {
			if p.Line < 0 || p.Column < 0 || (p.Line > 0 && p.Line > strings.Count(string(src), "\n")+2) {
				t.Fatalf("Pos[%s] = %+v is outside the post", Field(f), p)
			}
		}
		_ = d.TextPos(len(d.Text))
	})
}

// A drafts file is read only when it is a regular file: a named pipe
// would block the read (and could not be read twice), so it is refused
// at once with what it is.
func TestFileSourceRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "drafts.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	for _, c := range []struct{ path, want string }{
		{fifo, "drafts.csv is a named pipe (FIFO); pillar reads drafts only from regular files and folders of Markdown posts"},
		{filepath.Join(dir, "none.csv"), "none.csv: no such file"},
	} {
		src := &FileSource{Path: c.path}
		err := src.Each(func(*Draft) error { return nil }, func(Reject) {})
		if err == nil || !strings.HasSuffix(err.Error(), c.want) {
			t.Errorf("%s: %v, want it to end %q", c.path, err, c.want)
		}
	}
}

// TestParsePostKeepsOtherKeys: keys a team's front matter carries for its
// own tools (title, notes, a Hugo date) are left alone; only near misses of
// pillar's keys are refused.
func TestParsePostKeepsOtherKeys(t *testing.T) {
	src := "---\nchannel: x\nscheduled_at: 2027-01-04 09:00\ntitle: Vinter\nnotes: check the photo\ndraft: true\n---\nHei\n"
	d, rej := ParsePost("p.md", []byte(src), nil)
	if len(rej) != 0 || d.Text != "Hei" {
		t.Errorf("rejects %+v, text %q", rej, d.Text)
	}
}

// TestCSVTextPositionsCountEscapes: a word after "" escapes in a quoted
// cell, on its first line and on a later one, is placed at the file's
// column.
func TestCSVTextPositionsCountEscapes(t *testing.T) {
	row := "a,instagram,2027-01-04T09:00,\"Si \"\"hei\"\"\nog \"\"ja\"\" billig\"\n"
	src := &memSource{name: "d.csv", data: "id,channel,scheduled_at,text\n" + row}
	var got []Position
	err := src.Each(func(d *Draft) error {
		got = append(got, d.TextPos(strings.Index(d.Text, "hei")), d.TextPos(strings.Index(d.Text, "billig")))
		return nil
	}, func(r Reject) { t.Errorf("reject %+v", r) })
	if err != nil {
		t.Fatal(err)
	}
	// Line 2: a,instagram,2027-01-04T09:00," is 30 columns, so the text
	// starts at 31; "hei" follows `Si ""`. Line 3: `og ""ja"" b`.
	want := []Position{{2, 36}, {3, 11}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("positions %+v, want %+v", got, want)
	}
}
