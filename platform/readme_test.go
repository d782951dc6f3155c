package platform

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestREADMETable keeps the README's table of platform limits true: it
// must hold the table this package renders from its own.
func TestREADMETable(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := markdownTable()
	if !strings.Contains(string(raw), want) {
		t.Errorf("README.md lacks the platform limits table; put this in its \"Platform limits\" section:\n\n%s", want)
	}
}

// markdownTable renders Table() for the README.
func markdownTable() string {
	var b strings.Builder
	b.WriteString("| platform | longest text | counted as | hashtags, mentions, links | sources |\n")
	b.WriteString("| --- | --- | --- | --- | --- |\n")
	for _, l := range Table() {
		length := fmt.Sprint(l.MaxChars)
		if l.MaxBytes > 0 {
			length += fmt.Sprintf(", and %d bytes", l.MaxBytes)
		}
		counted := "`" + string(l.Counting) + "`"
		if l.Counting != Weighted && l.URLLength > 0 {
			counted += fmt.Sprintf(", a URL %d", l.URLLength)
		}
		if l.Counting == Weighted {
			counted += fmt.Sprintf(", a URL %d", l.urlLength())
		}
		if l.MentionDomainFree {
			counted += ", a mention's server 0"
		}
		var other []string
		for _, c := range []struct {
			n    int
			what string
		}{{l.MaxHashtags, "hashtags"}, {l.MaxMentions, "mentions"}, {l.MaxLinks, "links"}} {
			if c.n > 0 {
				other = append(other, fmt.Sprintf("%d %s", c.n, c.what))
			}
		}
		if l.Links == LinksPlain {
			other = append(other, "links in the text not clickable")
		}
		if l.Forbidden != "" {
			other = append(other, "no `"+strings.Join(strings.Split(l.Forbidden, ""), "` or `")+"`")
		}
		if len(other) == 0 {
			other = []string{"–"}
		}
		var srcs []string
		seen := map[string]bool{}
		for _, s := range []string{l.Sources.Chars, l.Sources.Bytes, l.Sources.Hashtags, l.Sources.Mentions, l.Sources.Links, l.Sources.Forbidden} {
			if s != "" && !seen[s] {
				seen[s] = true
				srcs = append(srcs, fmt.Sprintf("[%d](%s)", len(srcs)+1, s))
			}
		}
		fmt.Fprintf(&b, "| %s (`%s`) | %s | %s | %s | %s |\n", l.Name, l.Platform, length, counted, strings.Join(other, ", "), strings.Join(srcs, " "))
	}
	return b.String()
}
