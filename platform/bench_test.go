package platform

import (
	"strings"
	"testing"
)

// benchPosts are drafts of about 280 characters, as an agency writes them:
// mostly Latin text with a link, hashtags and a mention, and the harder
// cases of Norwegian, Japanese and emoji.
var benchPosts = []struct {
	platform, text string
}{
	{"x", strings.Repeat("Ny sesong i fjellet, nye turer for hele familien. ", 4) +
		"Se https://nordlys.no/turer?utm_source=x&utm_medium=social #friluftsliv #nordlys @DNTnorge"},
	{"x", strings.Repeat("北欧の山で朝日を見ました。", 8) + " https://nordlys.no/jp #北欧"},
	{"bluesky", strings.Repeat("Blåbærtur i Nordmarka med kaffe på bålet 🏔️☕ ", 6) + "@kari.bsky.social #tur"},
	{"mastodon", strings.Repeat("Takk for turen! ", 12) + "@lars@fjellet.social https://nordlys.no/sommer #friluftsliv"},
	{"instagram", strings.Repeat("Morgentur i skogen, dugg i gresset og sol over åsen. ", 5) + "#tur #fjell #morgen"},
	{"threads", strings.Repeat("Ut på tur, aldri sur 😀 ", 11)},
}

// BenchmarkCheck checks one draft per operation, cycling through
// benchPosts; 100,000 drafts must be checked in well under a second, so
// an operation should stay well under 2 µs. On a busy machine read
// cpu-ns/op, the checking thread's own CPU time.
func BenchmarkCheck(b *testing.B) {
	limits := make([]Limits, len(benchPosts))
	for i, p := range benchPosts {
		limits[i] = For(p.platform, nil)
	}
	links := []string{"https://nordlys.no/turer?utm_source=x&utm_medium=social"}
	b.ReportAllocs()
	reportCPU(b, func(i int) {
		k := i % len(benchPosts)
		_ = limits[k].Check(benchPosts[k].text, links)
	})
}

// BenchmarkCheckEach shows each kind of draft on its own.
func BenchmarkCheckEach(b *testing.B) {
	for _, p := range benchPosts {
		l := For(p.platform, nil)
		name := p.platform + "/" + string([]rune(p.text)[:3])
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			reportCPU(b, func(int) { _ = l.Check(p.text, nil) })
		})
	}
}
