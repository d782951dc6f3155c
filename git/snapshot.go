package git

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// MaxSnapshot bounds how much a revision may write to its temporary
// folder.
const MaxSnapshot = 256 << 20

// Snapshot is some of a revision's files written out to a temporary
// folder, to be read like a working tree without touching the real one.
// Only regular files are written: symbolic links and submodules in the
// revision are left out, so nothing in the folder leads outside it.
type Snapshot struct {
	// Rev is the revision as the caller named it.
	Rev string
	// Dir is the temporary folder; it stands for the repository's top
	// level at Rev.
	Dir string
}

// Remove deletes the temporary folder.
func (s *Snapshot) Remove() error { return os.RemoveAll(s.Dir) }

// Snapshot writes the files of rev whose path (relative to the top level,
// with slashes) keep accepts into a new temporary folder, reading them
// through one `git cat-file --batch`. On error nothing is left behind.
func (r *Repo) Snapshot(ctx context.Context, rev string, keep func(name string) bool) (*Snapshot, error) {
	tmp, err := os.MkdirTemp("", "pillar-rev-")
	if err != nil {
		return nil, err
	}
	if err := r.writeTree(ctx, rev, tmp, keep); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Snapshot{Rev: rev, Dir: tmp}, nil
}

// writeTree lists the tree at rev and writes the blobs wanted into dst.
func (r *Repo) writeTree(ctx context.Context, rev, dst string, keep func(string) bool) error {
	list, err := run(ctx, r.Top, "ls-tree", "-r", "-z", "--full-tree", "--end-of-options", rev)
	if err != nil {
		return err
	}
	var paths, objects []string
	for _, entry := range strings.Split(string(list), "\x00") {
		meta, name, ok := strings.Cut(entry, "\t")
		fields := strings.Fields(meta)
		// Mode 120000 is a symbolic link, whose blob is its target: left
		// out, so a link in a revision can never lead a reader outside
		// the snapshot. Submodules are commits, not blobs.
		if !ok || len(fields) != 3 || fields[1] != "blob" || fields[0] == "120000" {
			continue
		}
		if !filepath.IsLocal(filepath.FromSlash(name)) || !keep(name) {
			continue
		}
		paths = append(paths, name)
		objects = append(objects, fields[2])
	}
	if len(objects) == 0 {
		return nil
	}
	cmd := exec.CommandContext(ctx, "git", "-C", r.Top, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(strings.Join(objects, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return gitError(err, nil)
	}
	if err := writeBlobs(bufio.NewReader(out), paths, dst); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return err
	}
	if err := cmd.Wait(); err != nil {
		return gitError(err, stderr.Bytes())
	}
	return nil
}

// writeBlobs copies each blob of a `git cat-file --batch` stream (a header
// "<object> blob <size>", the contents, a newline) to its path under dst.
func writeBlobs(r *bufio.Reader, paths []string, dst string) error {
	var total int64
	for _, name := range paths {
		header, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("git cat-file: %v", err)
		}
		f := strings.Fields(header)
		if len(f) != 3 || f[1] != "blob" {
			return fmt.Errorf("git cat-file: unexpected %q", strings.TrimSpace(header))
		}
		size, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil || size < 0 {
			return fmt.Errorf("git cat-file: unexpected %q", strings.TrimSpace(header))
		}
		if total += size; total > MaxSnapshot {
			return fmt.Errorf("the revision's files are larger than %d MB", MaxSnapshot>>20)
		}
		path := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = io.CopyN(file, r, size)
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if _, err := r.Discard(1); err != nil { // the newline after the contents
			return err
		}
	}
	return nil
}
