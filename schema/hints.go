package schema

// hints say how to write a value that has a form to follow (a pattern or a
// format), keyed by the JSON pointer of its subschema in
// strategy.schema.json. They live here and not in the schema because the
// schema's consumers (editors, SchemaStore) compile it in ajv's strict mode,
// which refuses keywords it does not know, x- prefixed ones included
// (https://ajv.js.org/strict-mode.html#prohibit-ignored-keywords). A test
// keeps the two in step: every pattern and format has a hint here, and every
// hint names a subschema that has one.
var hints = map[string]string{
	"/$defs/id":                       "Write an id in lower case using letters a-z, digits, - and _, starting with a letter or digit, e.g. spring-launch.",
	"/$defs/date":                     "Write a date as YYYY-MM-DD and make sure the day exists, e.g. 2027-03-31.",
	"/$defs/time_of_day":              "Write a time of day as HH:MM on a 24-hour clock, e.g. 09:30. Posts are planned to the minute, so a time has no seconds.",
	"/$defs/duration":                 "Write a duration as a number followed by m, h, d or w with no spaces, e.g. 30m, 4h, 1d or 1d12h.",
	"/$defs/language":                 "Write a BCP 47 language code: two or three lower-case letters, optionally followed by a region, e.g. nb, en or en-GB.",
	"/$defs/handle":                   "Write the handle as one word of letters, digits, dots, hyphens or underscores, with or without the leading @, e.g. \"@anna.outside\" (quote it in YAML when it starts with @).",
	"/$defs/hashtag":                  "Write a hashtag as one word with no spaces, with or without the leading #, and quote it in YAML, e.g. \"#nordlysturer\".",
	"/$defs/brand/properties/website": "Write the full web address, starting with https:// (or http://), e.g. https://example.com.",
	"/$defs/utm_value":                "Write required, or the value itself with no spaces, optionally with the placeholders {platform}, {channel}, {campaign}, {pillar} or {tactic}, e.g. \"{platform}\" or social.",
	"/$defs/domain":                   "Write a host name without https:// or a path, e.g. nordlys.no; its subdomains count too.",
}

// hintAt returns the hint of the subschema holding the keyword at an
// absolute keyword location (URL#pointer), or "" when it has none.
func hintAt(abs string) string {
	return hints[subschemaPointer(abs)]
}
