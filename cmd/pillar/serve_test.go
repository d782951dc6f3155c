package main

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// snapshotTree lists every file under dir with its size, mode and
// modification time, to tell whether anything was written.
func snapshotTree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %v %d %v\n", p, fi.Mode(), fi.Size(), fi.ModTime())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestServe runs the built binary as a user would: pillar serve prints
// the address, answers there, and Ctrl-C (SIGINT) or a service manager's
// SIGTERM stops it with exit 0, leaving the strategy's folder as it was.
func TestServe(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(root, "examples", "nordlys")
			err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(src, p)
				if d.IsDir() {
					return os.MkdirAll(filepath.Join(dir, rel), 0o755)
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
			})
			if err != nil {
				t.Fatal(err)
			}
			before := snapshotTree(t, dir)

			cmd := exec.Command(binary, "serve", dir, "--port", "0", "--from", "2027-01-04", "--today", "2026-11-23")
			cmd.Dir = dir
			cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "NO_COLOR=1"}, clockEnv()...)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			lines := make(chan string, 16)
			go func() {
				sc := bufio.NewScanner(stdout)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			defer func() {
				if cmd.ProcessState == nil {
					cmd.Process.Kill() //nolint:errcheck // a stuck run
				}
			}()
			var url string
			select {
			case l := <-lines:
				url = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(l)
				if url == "" {
					t.Fatalf("the first line does not give the address: %q", l)
				}
			case <-time.After(hangGuard):
				t.Fatal("pillar serve printed no address")
			}
			for _, path := range []string{"", "calendar", "findings"} {
				resp, err := http.Get(url + path)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || !strings.Contains(string(b), "pillar-serve-bar") {
					t.Errorf("GET /%s: %d", path, resp.StatusCode)
				}
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			go func() {
				for range lines {
				}
				exited <- cmd.Wait()
			}()
			select {
			case err := <-exited:
				if err != nil {
					t.Errorf("after %v: %v (stderr %q)", sig, err, stderr.String())
				}
			case <-time.After(hangGuard):
				t.Fatalf("pillar serve did not stop on %v", sig)
			}
			if after := snapshotTree(t, dir); after != before {
				t.Errorf("pillar serve changed the strategy's folder:\nbefore\n%s\nafter\n%s", before, after)
			}
			if _, err := http.Get(url); err == nil {
				t.Error("the server still answers after it stopped")
			}
		})
	}
}
