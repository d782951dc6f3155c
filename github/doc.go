// Package github is pillar's pull-request integration: it reads the
// context of a GitHub Actions run (the event file and the standard
// environment), turns validation results and strategy diffs into the
// Markdown of a sticky pull-request comment, a job summary and a check
// run with annotations, and talks to the GitHub REST API through go-github
// with bounded retries, a dry-run mode that prints instead of sending, and
// a token that never appears in output.
//
// The workflow-command annotations (::error file=…) come from package
// schema's github format; this package does what needs the API.
package github
