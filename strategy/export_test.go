package strategy

// Hooks for the external tests in package strategy_test, which may import
// internal/synth (it imports this package).
var (
	FastParse        = fastParse
	LooksLikeHashtag = looksLikeHashtag
	PlainDecimal     = plainDecimal
	ResolveTag       = resolveTag
	PrintableASCII   = printableASCII
	RuneCount        = runeCount
)
