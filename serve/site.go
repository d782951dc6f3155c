package serve

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/inputfile"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// Config is what the preview shows and how it reads it.
type Config struct {
	// Path is the strategy: a file, or a folder holding strategy.yaml.
	Path string
	// Root is the folder every file the strategy names must lie in (see
	// strategy.Limits.Root); "" means the repository root of Path.
	Root string
	// Rules re-grades rules by id, as a config file does for validate.
	Rules map[string]string
	// Now is the clock: staleness rules measure from it and the page says
	// when it last reloaded. Tests pin it.
	Now func() time.Time
	// Today, when set, is the day staleness rules measure from instead of
	// Now's.
	Today *strategy.Date
	// Lang is the playbook's default language ("" the strategy's).
	Lang string
	// Templates holds template overrides for the playbook, or nil.
	Templates fs.FS
	// Label returns the version the playbook's cover shows (a commit); it
	// is asked again on every reload. Nil shows none.
	Label func() string
	// From and To are the calendar's default period [From, To); the
	// playbook's excerpt starts at From.
	From, To strategy.Date
	// Audit, when set, audits this history on every reload.
	Audit *AuditConfig
	// EditorLinks, when set, makes every finding link to the file and
	// line in an editor: "vscode", or a URL template with {file}, {line}
	// and {col} (see EditorLink).
	EditorLinks string
}

// AuditConfig is the history the preview audits.
type AuditConfig struct {
	// Posts is the post history file; Mentions the mention log, or "".
	Posts, Mentions string
	// Read says how the files are read (mapping, delimiter, encoding).
	Read audit.ReadOptions
	// From and To are the audited period [From, To).
	From, To strategy.Date
}

// snapshot is the strategy as read at one moment, with everything the
// pages need that does not depend on the request.
type snapshot struct {
	// version counts the reloads that changed something; the page and the
	// event stream compare it.
	version int64
	// loaded is when the snapshot was made.
	loaded time.Time
	// readErr is set when the strategy could not be read at all (its
	// main file is missing, outside the root, not a regular file).
	readErr error
	// source is what the loader read: the files and their lines.
	source *strategy.Source
	result schema.Result
	// strategy is set when the strategy has no errors.
	strategy *strategy.Strategy
	label    string
	report   *audit.Report
	auditErr error
	// digest identifies what was read; a reload that reads the same
	// bytes changes nothing.
	digest [32]byte
}

// ok reports whether the snapshot has a strategy to show.
func (s *snapshot) ok() bool { return s.strategy != nil }

// Site holds the latest snapshot of the strategy and makes new ones.
type Site struct {
	cfg Config
	mu  sync.Mutex // serialises reloads
	cur sync.Mutex // guards snap
	// snap is the snapshot the pages show.
	snap *snapshot
}

// NewSite reads the strategy for the first time. The strategy may be
// broken: the preview then shows its findings.
func NewSite(cfg Config) *Site {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Site{cfg: cfg}
	s.Reload()
	return s
}

// current returns the snapshot the pages show.
func (s *Site) current() *snapshot {
	s.cur.Lock()
	defer s.cur.Unlock()
	return s.snap
}

// Version returns the version of the snapshot the pages show.
func (s *Site) Version() int64 { return s.current().version }

// Reload reads the strategy again and reports whether anything changed
// (then the version goes up by one).
func (s *Site) Reload() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.load()
	prev := s.current()
	if prev != nil && prev.digest == next.digest {
		return false
	}
	if prev != nil {
		next.version = prev.version + 1
	} else {
		next.version = 1
	}
	s.cur.Lock()
	s.snap = next
	s.cur.Unlock()
	return true
}

// load reads, validates and audits the strategy, as pillar validate and
// pillar audit do: the same loader, root and budgets.
func (s *Site) load() *snapshot {
	now := s.cfg.Now()
	snap := &snapshot{loaded: now}
	h := sha256.New()
	opts := schema.Options{Now: now, Rules: s.cfg.Rules}
	if s.cfg.Today != nil {
		opts.Now = s.cfg.Today.Time()
	}
	limits := strategy.DefaultLimits
	limits.Root = s.cfg.Root
	doc, err := strategy.LoadDocument(s.cfg.Path, limits)
	if err != nil {
		snap.readErr = err
		fmt.Fprintf(h, "error\x00%v\x00", err)
	} else {
		snap.source = doc.Source
		snap.result, snap.strategy = schema.Validate(doc, opts)
		if snap.result.Count(schema.Error) > 0 {
			snap.strategy = nil
		}
		for _, f := range doc.Source.Files {
			fmt.Fprintf(h, "file\x00%s\x00", f)
			for i := 1; ; i++ {
				l, ok := doc.Source.Line(f, i)
				if !ok {
					break
				}
				h.Write([]byte(l))
				h.Write([]byte{'\n'})
			}
		}
		// Validation depends on the day too (staleness rules).
		fmt.Fprintf(h, "now\x00%s\x00", opts.Now.Format("2006-01-02"))
	}
	if s.cfg.Label != nil {
		snap.label = s.cfg.Label()
		fmt.Fprintf(h, "label\x00%s\x00", snap.label)
	}
	if a := s.cfg.Audit; a != nil {
		for _, name := range []string{a.Posts, a.Mentions} {
			if name == "" {
				continue
			}
			if fi, err := os.Stat(name); err == nil {
				var b [16]byte
				binary.LittleEndian.PutUint64(b[:], uint64(fi.Size()))
				binary.LittleEndian.PutUint64(b[8:], uint64(fi.ModTime().UnixNano()))
				fmt.Fprintf(h, "history\x00%s\x00", name)
				h.Write(b[:])
			}
		}
		if snap.strategy != nil {
			snap.report, snap.auditErr = runAudit(snap.strategy, a)
		}
	}
	h.Sum(snap.digest[:0])
	return snap
}

// runAudit audits the history as pillar audit does.
func runAudit(s *strategy.Strategy, a *AuditConfig) (*audit.Report, error) {
	posts, err := inputfile.Open(a.Posts)
	if err != nil {
		return nil, inputError(a.Posts, err)
	}
	defer posts.Close()
	opt := audit.Options{From: a.From, To: a.To, Posts: audit.Input{Name: a.Posts, R: posts}, Read: a.Read, Tolerance: audit.DefaultTolerance}
	if a.Mentions != "" {
		m, err := inputfile.Open(a.Mentions)
		if err != nil {
			return nil, inputError(a.Mentions, err)
		}
		defer m.Close()
		opt.Mentions = &audit.Input{Name: a.Mentions, R: m}
	}
	return audit.Run(s, opt)
}

func inputError(name string, err error) error {
	var nr *inputfile.NotRegularError
	switch {
	case errors.As(err, &nr):
		return fmt.Errorf("%v; pillar reads history only from regular files", err)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file", name)
	}
	return err
}

// watched returns the absolute paths the snapshot depends on: the
// strategy's files and the history.
func (s *Site) watched() []string {
	snap := s.current()
	var out []string
	add := func(p string) {
		if abs, err := filepath.Abs(p); err == nil {
			out = append(out, abs)
		}
	}
	if snap.source != nil {
		for _, f := range snap.source.Files {
			add(f)
		}
	}
	if main, err := strategy.Resolve(s.cfg.Path); err == nil {
		add(main)
	} else {
		// Missing: a file, or a folder whose strategy.yaml is to come
		// (watching the second watches the folder itself once it exists).
		add(s.cfg.Path)
		add(filepath.Join(s.cfg.Path, "strategy.yaml"))
	}
	if a := s.cfg.Audit; a != nil {
		add(a.Posts)
		if a.Mentions != "" {
			add(a.Mentions)
		}
	}
	return out
}
