package serve

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/strategy"
)

// testNow is the pinned clock of every test.
var testNow = time.Date(2027, 1, 4, 12, 0, 0, 0, time.UTC)

// testAddr is where the handler tests pretend to be served.
var testAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 4580}

// copyExamples copies the named examples into a fresh folder (the root
// that confines them) and returns it.
func copyExamples(t *testing.T, names ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, name := range names {
		src := filepath.Join("..", "examples", name)
		err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			dst := filepath.Join(root, "examples", name, rel)
			if d.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// testConfig is a configuration for the strategy at path, confined to
// root, with the clock and the period pinned.
func testConfig(path, root string) Config {
	return Config{
		Path: path, Root: root,
		Now:  func() time.Time { return testNow },
		From: strategy.Date{Year: 2027, Month: 1, Day: 4}, To: strategy.Date{Year: 2027, Month: 2, Day: 1},
	}
}

// withAudit adds the example's history for the first quarter of 2027.
func withAudit(cfg Config, dir string) Config {
	cfg.Audit = &AuditConfig{
		Posts: filepath.Join(dir, "history", "posts.csv"), Mentions: filepath.Join(dir, "history", "mentions.csv"),
		From: strategy.Date{Year: 2027, Month: 1, Day: 1}, To: strategy.Date{Year: 2027, Month: 4, Day: 1},
		Read: audit.ReadOptions{},
	}
	return cfg
}

// newTestServer serves cfg at testAddr.
func newTestServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	return NewServer(NewSite(cfg), testAddr)
}

// get asks srv for target as a browser at testAddr would.
func get(t *testing.T, srv http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	r.Host = testAddr.String()
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	return w
}

// writeFile replaces a file the way many editors save: a temporary file
// beside it, renamed over it.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), ".~"+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// edit replaces old with new in a file, which must hold old.
func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not hold %q", path, old)
	}
	writeFile(t, path, strings.Replace(string(b), old, new, 1))
}

func body(t *testing.T, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// lineOf returns the 1-based line of the first line of path holding s.
func lineOf(t *testing.T, path, s string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line holding %q", path, s)
	return 0
}
