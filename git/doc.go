// Package git is the one place pillar runs git and the one definition of
// the repository root.
//
// The root confines every path pillar reads from a file (include, extends):
// it is the enclosing git work tree of the strategy named on the command
// line, found by looking for .git without running git, so the answer is the
// same whether or not git is installed; outside a repository it is the
// folder given. The rest runs git itself: reading a revision's files into a
// temporary folder (diff, and the pull request's head in pillar github),
// the merge base and the files a change touches, and the commit a playbook's
// cover names. Errors carry git's own message.
package git
