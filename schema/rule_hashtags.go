package schema

import (
	"slices"
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
			c.hashtag(h, p.Hashtags, strategy.Pointer("pillars", i, "hashtags", j))
		}
	}
	if s.Community != nil {
		for j, h := range s.Community.Hashtags {
			c.hashtag(h, s.Community.Hashtags, strategy.Pointer("community", "hashtags", j))
		}
	}
}

// hashtag reports h, an entry of list, when it lacks its #. A list that
// has the hashtag with its # as well gets no fix: the fix would write the
// same entry twice, an error.
func (c *checker) hashtag(h string, list []string, ptr string) {
	if h == "" || strings.HasPrefix(h, "#") {
		return
	}
	tag := "#" + h
	if slices.Contains(list, tag) {
		c.report("hashtag-no-hash", ptr, false, "The list has \""+tag+"\" already: remove this entry.",
			"hashtag %q is written without its #, and the list has it with its # too", h)
		return
	}
	c.reportFix("hashtag-no-hash", ptr, false, func() *fixWant {
		// Quoted: an unquoted #tag would be read as a comment.
		return &fixWant{ptr: ptr, from: h, to: tag, quote: true, safe: true}
	}, "Write the hashtag as it appears in a post, quoted so that YAML does not read it as a comment: \""+tag+"\".",
		"hashtag %q is written without its #", h)
}
