package render

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/pillar-strategy/pillar/schema"
)

// overrideNames are the files a --templates folder may hold: the template
// files of both formats, the stylesheet and a dictionary per language.
func overrideNames() []string {
	var names []string
	for _, f := range PlaybookFormats() {
		names = append(names, templateFiles[f]...)
	}
	names = append(names, "style.css")
	for _, l := range languages {
		names = append(names, i18nFile(l))
	}
	return names
}

// overrideLike are the endings of files that look meant for the playbook:
// such a file under a name pillar does not read is a mistake to report,
// since it would be ignored. Other files (a README, a logo, notes) are left
// alone.
var overrideLike = []string{".tmpl", ".tpl", ".gotmpl", ".gohtml", ".html", ".htm", ".css", ".yaml", ".yml"}

// maxOverrideEntries bounds the walk of an override folder, which a pull
// request's author may fill.
const maxOverrideEntries = 1000

// checkOverrides reports the first file in over, at the top or in i18n/,
// that looks like a template, stylesheet or dictionary but has a name
// pillar does not read (sections.html.tpl, i18n/de.yaml), as a
// *TemplateError that names the file and the closest name it reads.
func checkOverrides(over fs.FS) error {
	known := overrideNames()
	seen := 0
	var found error
	walk := func(dir string) {
		entries, err := fs.ReadDir(over, dir)
		if err != nil {
			return // a folder pillar cannot list holds nothing it reads
		}
		for _, e := range entries {
			if seen++; seen > maxOverrideEntries || found != nil {
				return
			}
			name := path.Join(dir, e.Name())
			if strings.HasPrefix(e.Name(), ".") || e.IsDir() || slices.Contains(known, name) {
				continue
			}
			if msg := unknownOverride(name, known); msg != "" {
				found = &TemplateError{Name: name, Err: errors.New(msg)}
			}
		}
	}
	walk(".")
	walk("i18n")
	return found
}

// unknownOverride says what is wrong with a file of an override folder
// that pillar does not read, or "" when the file is none of its business.
func unknownOverride(name string, known []string) string {
	if dir, file := path.Split(name); dir == "i18n/" && (strings.HasSuffix(file, ".yaml") || strings.HasSuffix(file, ".yml")) {
		lang := strings.TrimSuffix(strings.TrimSuffix(file, ".yaml"), ".yml")
		if l := languageOf(lang); l != "" {
			return fmt.Sprintf("pillar does not read this file: did you mean %s?", i18nFile(l))
		}
		return fmt.Sprintf("pillar has no playbook labels in %q, so this file would be ignored: a dictionary here rewords the labels of one of %s (i18n/<language>.yaml)",
			lang, strings.Join(languages, ", "))
	}
	guess := ""
	for _, k := range known {
		// The right name with a wrong ending, or without .tmpl.
		if k == name+".tmpl" || strings.TrimSuffix(k, path.Ext(k)) == strings.TrimSuffix(name, path.Ext(name)) {
			guess = k
			break
		}
	}
	if guess == "" {
		guess = schema.Suggest(name, known)
	}
	if guess == "" {
		for _, ext := range overrideLike {
			if strings.HasSuffix(strings.ToLower(name), ext) {
				return "pillar does not read this file, so it would be ignored: the files it reads are " + strings.Join(known, ", ")
			}
		}
		return ""
	}
	return fmt.Sprintf("pillar does not read this file, so it would be ignored: did you mean %s?", guess)
}

// unclosedAction finds the action a template leaves open, for a parse
// error of "unexpected EOF", which text/template reports at the template's
// last line: the innermost {{if}}, {{range}}, {{with}}, {{block}} or
// {{define}} that no {{end}} closes, or an action with no closing braces.
// It returns the action's keyword and its 1-based line and column (in
// bytes), or ok false when src has no such action.
func unclosedAction(src string) (keyword string, line, col int, ok bool) {
	type open struct {
		keyword   string
		line, col int
	}
	var stack []open
	ln, lineStart := 1, 0
	advance := func(from, to int) { // count the lines in src[from:to]
		for i := from; i < to; i++ {
			if src[i] == '\n' {
				ln++
				lineStart = i + 1
			}
		}
	}
	pos := 0
	for {
		i := strings.Index(src[pos:], "{{")
		if i < 0 {
			break
		}
		advance(pos, pos+i)
		start := pos + i
		at := open{line: ln, col: start - lineStart + 1}
		body := start + 2
		if strings.HasPrefix(src[body:], "- ") || strings.HasPrefix(src[body:], "-\t") || strings.HasPrefix(src[body:], "-\n") || strings.HasPrefix(src[body:], "-\r") {
			body++
		}
		end := actionEnd(src, body)
		if end < 0 {
			return "{{", at.line, at.col, true
		}
		word := strings.TrimLeft(src[body:end], " \t\r\n")
		if j := strings.IndexFunc(word, func(r rune) bool { return !(r >= 'a' && r <= 'z') }); j >= 0 {
			word = word[:j]
		}
		switch word {
		case "if", "range", "with", "block", "define":
			at.keyword = word
			stack = append(stack, at)
		case "end":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
		advance(start, end)
		pos = end
	}
	if len(stack) == 0 {
		return "", 0, 0, false
	}
	top := stack[len(stack)-1]
	return top.keyword, top.line, top.col, true
}

// actionEnd returns the index just past the "}}" that closes the action
// whose body starts at i, skipping comments and quoted strings, or -1.
func actionEnd(src string, i int) int {
	for i < len(src) {
		switch c := src[i]; {
		case strings.HasPrefix(src[i:], "/*"):
			j := strings.Index(src[i+2:], "*/")
			if j < 0 {
				return -1
			}
			i += 2 + j + 2
		case c == '"' || c == '\'':
			i++
			for i < len(src) && src[i] != c && src[i] != '\n' {
				if src[i] == '\\' {
					i++
				}
				i++
			}
			i++
		case c == '`':
			j := strings.IndexByte(src[i+1:], '`')
			if j < 0 {
				return -1
			}
			i += 1 + j + 1
		case strings.HasPrefix(src[i:], "}}"):
			return i + 2
		default:
			i++
		}
	}
	return -1
}
