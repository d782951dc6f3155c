package schema

import (
	"strconv"

	"github.com/pillar-strategy/pillar/strategy"
)

// checkDraftsFiles reports a drafts.files entry that cannot name drafts
// inside the repository: an absolute path, a backslash, a broken glob.
// Entries that lead out of the root by ".." or a symbolic link are
// refused where they are read (pillar drafts, github, render), which
// knows the root.
func checkDraftsFiles(c *checker) {
	d := c.s.Drafts
	if d == nil {
		return
	}
	for i, p := range d.Files {
		if err := strategy.DraftsPattern(p); err != nil {
			c.report("drafts-files", strategy.Pointer("drafts", "files", strconv.Itoa(i)), false,
				"List the drafts as files, folders or glob patterns relative to the strategy's folder, with slashes, e.g. drafts/*.csv or drafts/posts.",
				"%s", err.Error())
		}
	}
}
