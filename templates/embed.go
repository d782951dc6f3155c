// Package templates holds the files pillar writes or renders with, embedded
// in the binary.
package templates

import "embed"

// Starter holds the starter strategy that `pillar init` writes, as
// starter/strategy.yaml.
//
//go:embed starter
var Starter embed.FS
