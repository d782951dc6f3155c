package schema

import (
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// checkHashtags finds hashtags written without their #. The schema takes
// them either way and the audit reads both alike, but the playbook shows
// them as written, and an agency copies them from there into posts: a
// pillar's hashtags and the community's are written as they appear in a
// post. Disclosure tags are not hashtags on every network (Norway's
// "Annonse" label is a word), so they are left as written.
func checkHashtags(c *checker) {
	s := c.s
	for i, p := range s.Pillars {
		for j, h := range p.Hashtags {
			c.hashtag(h, strategy.Pointer("pillars", i, "hashtags", j))
		}
	}
	if s.Community != nil {
		for j, h := range s.Community.Hashtags {
			c.hashtag(h, strategy.Pointer("community", "hashtags", j))
		}
	}
}

func (c *checker) hashtag(h, ptr string) {
	if h == "" || strings.HasPrefix(h, "#") {
		return
	}
	tag := "#" + h
	c.reportFix("hashtag-no-hash", ptr, false, func() *fixWant {
		// Quoted: an unquoted #tag would be read as a comment.
		return &fixWant{ptr: ptr, from: h, to: tag, quote: true, safe: true}
	}, "Write the hashtag as it appears in a post, quoted so that YAML does not read it as a comment: \""+tag+"\".",
		"hashtag %q is written without its #", h)
}
