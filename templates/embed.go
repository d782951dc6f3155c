// Package templates holds the files pillar writes or renders with, embedded
// in the binary.
package templates

import "embed"

// Starter holds the starter strategy that `pillar init` writes, as
// starter/strategy.yaml.
//
//go:embed starter
var Starter embed.FS

// Playbook holds the playbook's templates, stylesheet and dictionaries
// under playbook/: playbook.html.tmpl and playbook.md.tmpl (with their
// sections in sections.html.tmpl and sections.md.tmpl), style.css, and
// i18n/<language>.yaml. A folder given to `pillar render --templates`
// replaces any of them by holding a file of the same name.
//
//go:embed playbook
var Playbook embed.FS
